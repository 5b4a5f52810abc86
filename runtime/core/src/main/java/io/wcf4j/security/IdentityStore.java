package io.wcf4j.security;

import java.util.Optional;

/**
 * Where users, their secrets and their roles live: verifies passwords and says which roles a principal that was
 * verified elsewhere (a client certificate, a Unix peer, a WS-Security layer) holds.
 *
 * <p>Implementations must be thread-safe, must take about as long for an unknown user as for a wrong password,
 * and must never log or return the password.
 *
 * @since 0.1
 */
public interface IdentityStore {

    /**
     * Checks a user name and password.
     *
     * @param remoteAddress the caller's address, for failed-login backoff per address; may be null
     * @return the identity, or empty for a wrong password or an unknown user alike
     */
    Optional<Identity> verifyPassword(String user, char[] password, String remoteAddress);

    /**
     * The identity of a principal that the transport or message security already verified.
     *
     * @return its roles, or empty when the store does not know the name (the caller is then authenticated with
     *         no roles)
     */
    Optional<Identity> find(String name);

    /**
     * The clear secret of a user, for the one check that needs it: a WS-Security UsernameToken with a
     * PasswordDigest (SHA-1 of nonce, created and the secret). A store that keeps only hashes has none, and such a
     * user can log in with a password in clear text (over TLS) only.
     *
     * @return the secret (the caller wipes it), or empty
     */
    default Optional<char[]> digestSecret(String user) {
        return Optional.empty();
    }

    /** A store that knows nobody: every password is wrong, every verified principal has no roles. */
    IdentityStore EMPTY = new IdentityStore() {
        @Override
        public Optional<Identity> verifyPassword(String user, char[] password, String remoteAddress) {
            return Optional.empty();
        }

        @Override
        public Optional<Identity> find(String name) {
            return Optional.empty();
        }
    };
}
