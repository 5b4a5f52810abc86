package io.wcf4j.security;

import java.util.Optional;

/**
 * Verifies a bearer token (a JWT, say) and says whose it is. Must check the signature against configured keys
 * and the token's validity (issuer, audience, expiry) with a library built for it, never by hand.
 *
 * <p>Implementations must be thread-safe and must never log the token.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TokenVerifier {

    /** The token's identity, or empty when it is not valid (for any reason: the caller is told only that). */
    Optional<Identity> verify(String token);
}
