package io.wcf4j.security;

import io.wcf4j.config.SecurityConfig;

import java.nio.file.Path;

/** Builds the authentication stage of a {@code wcf4j.security} configuration. */
public final class Wcf4jSecurity {
    private Wcf4jSecurity() {
    }

    /**
     * The authentication behavior for every service of a host: the configured users, and bearer tokens when a
     * {@code jwt} section is present.
     *
     * @param baseDirectory what relative key paths are relative to
     */
    public static AuthenticationBehavior authentication(SecurityConfig config, Path baseDirectory) {
        AuthenticationBehavior.Builder b = AuthenticationBehavior.builder(ConfiguredIdentityStore.of(config)).realm(config.realm());
        if (config.jwt() != null) {
            b.tokens(JwtTokenVerifier.of(config.jwt(), baseDirectory));
        }
        return b.build();
    }
}
