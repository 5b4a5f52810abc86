package io.wcf4j.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may call (the {@code wcf4j.security} section): the users with their password hashes and roles, the
 * failed-login backoff, and the issuer whose bearer tokens are accepted. The wcf4j-security module turns it
 * into the authentication stage of every service's Dispatcher.
 *
 * @param realm         the realm named in HTTP challenges
 * @param users         users by name; a user without a password only receives roles (a certificate's CN, a
 *                      {@code unix:<user>} peer)
 * @param failedLogins  how failed logins slow down guessing
 * @param jwt           bearer tokens accepted, or null for none
 * @since 0.1
 */
public record SecurityConfig(String realm, Map<String, User> users, FailedLogins failedLogins, Jwt jwt) {
    public static final SecurityConfig NONE = new SecurityConfig("wcf4j", Map.of(), FailedLogins.DEFAULT, null);

    public SecurityConfig {
        Objects.requireNonNull(realm, "realm");
        users = Map.copyOf(users);
        Objects.requireNonNull(failedLogins, "failedLogins");
    }

    /** Whether anything is configured: users or tokens. */
    public boolean isConfigured() {
        return !users.isEmpty() || jwt != null;
    }

    /**
     * A user.
     *
     * @param name          the principal's name
     * @param password      the password's salted slow hash in {@code {id}hash} form ({@code {bcrypt}$2a$...},
     *                      {@code {pbkdf2@SpringSecurity_v5_8}...}), or null for a user that logs in otherwise
     * @param digestSecret  the clear secret that WS-Security PasswordDigest needs, or null (see docs/security.md:
     *                      a stored clear secret is weaker than a hash; development users only)
     * @param roles         the roles the user holds
     */
    public record User(String name, String password, String digestSecret, List<String> roles) {
        public User {
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[" + name + ", roles=" + roles + "]";   // never the hash or the secret
        }
    }

    /**
     * Failed-login backoff: after a failure for a user or from an address, the next attempt for it waits
     * {@code initialDelay}, doubling per failure up to {@code maxDelay}; a success resets the user's count.
     */
    public record FailedLogins(Duration initialDelay, Duration maxDelay) {
        public static final FailedLogins DEFAULT = new FailedLogins(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /**
     * Bearer JWTs accepted.
     *
     * @param issuer      the required {@code iss}
     * @param audience    the required {@code aud}
     * @param keys        a JWKS file (JSON) or a PEM public key file whose keys verify the signature
     * @param rolesClaim  the claim that lists the roles
     * @param clockSkew   how far {@code exp} and {@code nbf} may be off
     */
    public record Jwt(String issuer, String audience, String keys, String rolesClaim, Duration clockSkew) {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(rolesClaim, "rolesClaim");
            Objects.requireNonNull(clockSkew, "clockSkew");
        }
    }
}
