package io.wcf4j.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who a caller is once authenticated, whatever the wire: a name and the roles it holds. The name is the
 * principal's name that the service sees ({@code OperationContext.current().principal().getName()}): a user name,
 * a certificate's subject CN, a token's subject, or {@code unix:<user>} on a named pipe.
 *
 * @param name  the principal's name
 * @param roles the roles it holds (for {@code @RolesAllowed})
 * @since 0.1
 */
public record Identity(String name, Set<String> roles) {
    public Identity {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /** The identity as a {@link Principal}. */
    public Principal principal() {
        return new CallerPrincipal(name);
    }

    /**
     * A principal that a binding verified once for a whole connection with {@link AuthenticationBehavior#verify}; the
     * authentication stage takes its identity, roles included, as it is.
     */
    public record Verified(Identity identity) implements Principal {
        public Verified {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String getName() {
            return identity.name();
        }
    }

    /** The principal of an authenticated caller; equal by name. */
    public record CallerPrincipal(String getName) implements Principal {
        public CallerPrincipal {
            Objects.requireNonNull(getName, "name");
        }

        @Override
        public String toString() {
            return getName;
        }
    }
}
