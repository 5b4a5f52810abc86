package io.wcf4j.security;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Phase;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication stage of the admit phase, the same for every binding: turns what the transport verified
 * ({@link PeerIdentity}) and the credential the caller sent ({@link CallMetadata#AUTHORIZATION}) into the call's
 * one principal with roles ({@link InvocationContext#authenticate}).
 *
 * <p>Where the identity comes from, first match wins:
 * <ol>
 *   <li>a principal a message-security layer already verified (WS-Security), roles from the {@link IdentityStore};
 *       or an identity the binding verified once for its connection ({@link #verify}), roles as verified;
 *   <li>an {@code Authorization} credential: {@code Basic} (user name and password, checked by the store) or
 *       {@code Bearer} (checked by the {@link TokenVerifier}); one that does not verify refuses the call with
 *       UNAUTHENTICATED, whatever else the transport knows;
 *   <li>the client certificate of a TLS connection: its subject's CN (by default), roles from the store;
 *   <li>the peer process of a Unix domain socket: {@code unix:<user>}, roles from the store;
 *   <li>otherwise the call stays anonymous; whether an anonymous call may run is authorization's decision
 *       ({@code @RolesAllowed}), after this stage.
 * </ol>
 *
 * <p>Every refusal says only "authentication failed": never whether the user exists. A refused or anonymous call
 * that authorization turns away carries a {@code www-authenticate} response metadata entry naming the accepted
 * schemes, which HTTP bindings send as the header of that name.
 *
 * @since 0.1
 */
public final class AuthenticationBehavior implements DispatchBehavior {
    /** After the deadline stage (-1000), before authorization (-800) and the user's admit behaviors (0). */
    public static final int ORDER = -900;
    /** The response metadata key (and HTTP header) that names the accepted credential schemes. */
    public static final String CHALLENGE = "www-authenticate";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationBehavior.class);
    private static final String FAILED = "authentication failed";

    private final IdentityStore store;
    private final TokenVerifier tokens;
    private final Function<X509Certificate, String> certificateNames;
    private final String challenge;

    private AuthenticationBehavior(Builder b) {
        this.store = b.store;
        this.tokens = b.tokens;
        this.certificateNames = b.certificateNames;
        this.challenge = "Basic realm=\"" + b.realm + "\", charset=\"UTF-8\"" + (tokens != null ? ", Bearer realm=\"" + b.realm + "\"" : "");
    }

    public static Builder builder(IdentityStore store) {
        return new Builder(store);
    }

    /** The credential schemes accepted in the {@code Authorization} metadata: {@code basic}, and {@code bearer} with tokens. */
    public java.util.List<String> schemes() {
        return tokens == null ? java.util.List.of("basic") : java.util.List.of("basic", "bearer");
    }

    /** The store that passwords are checked against; message security (WS-Security) checks them there too. */
    public IdentityStore store() {
        return store;
    }

    @Override
    public Phase phase() {
        return Phase.ADMIT;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        InvocationContext context = invocation.context();
        Optional<Identity> identity;
        try {
            identity = identify(context);
        } catch (Refused r) {
            log.info("call to {}.{} on {} from {} refused: {}", context.serviceName(), invocation.operation().name(),
                    context.endpointName(), context.remoteAddress(), r.reason);
            return CompletableFuture.completedFuture(challenged(Outcome.error(FaultCode.UNAUTHENTICATED, FAILED)));
        }
        identity.ifPresent(i -> context.authenticate(i.principal(), i.roles()));
        return next.proceed(invocation).thenApply(o -> o.errorCode() == FaultCode.UNAUTHENTICATED ? challenged(o) : o);
    }

    private Outcome challenged(Outcome o) {
        return o.withMetadata(CHALLENGE, challenge);
    }

    /**
     * Checks a credential once for a whole connection (net.tcp's credentials exchange): the identity it proves, or
     * empty when it does not verify (the reason is logged, never returned). The binding then hands every call of the
     * connection that identity as an {@link Identity.Verified} principal. May block (a slow password hash).
     *
     * @param authorization {@code Basic base64(user:password)} or {@code Bearer <token>}
     */
    public Optional<Identity> verify(String authorization, String remoteAddress) {
        try {
            return Optional.of(fromAuthorization(authorization.strip(), remoteAddress));
        } catch (Refused r) {
            log.info("credentials from {} refused: {}", remoteAddress, r.reason);
            return Optional.empty();
        }
    }

    private Optional<Identity> identify(InvocationContext context) {
        PeerIdentity peer = context.peer();
        if (peer.verifiedPrincipal() instanceof Identity.Verified verified) {
            return Optional.of(verified.identity());
        }
        if (peer.verifiedPrincipal() != null) {
            return Optional.of(known(peer.verifiedPrincipal().getName()));
        }
        String authorization = context.metadata().get(CallMetadata.AUTHORIZATION);
        if (authorization != null) {
            return Optional.of(fromAuthorization(authorization.strip(), context.remoteAddress()));
        }
        if (!peer.certificateChain().isEmpty()) {
            String name = certificateNames.apply(peer.certificateChain().get(0));
            if (name == null) {
                throw new Refused("the client certificate names no principal");
            }
            return Optional.of(known(name));
        }
        if (peer.unixCredentials() != null) {
            return Optional.of(known("unix:" + peer.unixCredentials().user()));
        }
        return Optional.empty();
    }

    private Identity known(String name) {
        return store.find(name).orElseGet(() -> new Identity(name, Set.of()));
    }

    private Identity fromAuthorization(String authorization, String remoteAddress) {
        int space = authorization.indexOf(' ');
        String scheme = (space < 0 ? authorization : authorization.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : authorization.substring(space + 1).strip();
        switch (scheme) {
            case "basic" -> {
                BasicCredentials basic;
                try {
                    basic = BasicCredentials.parse(authorization);
                } catch (IllegalArgumentException e) {
                    throw new Refused(e.getMessage());
                }
                try {
                    return store.verifyPassword(basic.user(), basic.password(), remoteAddress)
                            .orElseThrow(() -> new Refused("wrong user name or password"));
                } finally {
                    Arrays.fill(basic.password(), '\0');
                }
            }
            case "bearer" -> {
                if (tokens == null) {
                    throw new Refused("bearer tokens are not accepted here");
                }
                if (value.isEmpty()) {
                    throw new Refused("empty bearer token");
                }
                return tokens.verify(value).orElseThrow(() -> new Refused("invalid bearer token"));
            }
            default -> throw new Refused("unsupported credential scheme");
        }
    }

    /** The subject's CN of a certificate, or null when it has none. */
    public static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "authentication";
    }

    /** Why a credential was refused: for the log only, never for the caller. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Refused(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    /** Builds an {@link AuthenticationBehavior}. */
    public static final class Builder {
        private final IdentityStore store;
        private TokenVerifier tokens;
        private Function<X509Certificate, String> certificateNames = AuthenticationBehavior::commonName;
        private String realm = "wcf4j";

        private Builder(IdentityStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Accepts bearer tokens verified by {@code verifier}; without one, a bearer token is refused. */
        public Builder tokens(TokenVerifier verifier) {
            this.tokens = verifier;
            return this;
        }

        /** How a client certificate names its principal; the subject's CN by default. */
        public Builder certificateNames(Function<X509Certificate, String> mapping) {
            this.certificateNames = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** The realm named in challenges (default {@code wcf4j}). */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm").replace("\"", "");
            return this;
        }

        public AuthenticationBehavior build() {
            return new AuthenticationBehavior(this);
        }
    }
}
