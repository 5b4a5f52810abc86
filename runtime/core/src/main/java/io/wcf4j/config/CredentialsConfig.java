package io.wcf4j.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A named credential a client endpoint presents, under {@code wcf4j.credentials.<name>}: a user name with a
 * password, or a bearer token. The secret itself is best kept out of the file: a {@code ${VARIABLE}} placeholder,
 * or a file the process may read ({@code password-file}, {@code token-file}; a token file is read again for every
 * call, so that it may be rotated).
 *
 * @param name          the key under {@code wcf4j.credentials}
 * @param user          the user name (with {@code password} or {@code passwordFile}), or null for a token
 * @param password      the password, or null
 * @param passwordFile  a file whose first line is the password, or null
 * @param token         a bearer token, or null
 * @param tokenFile     a file holding a bearer token, or null
 * @since 0.1
 */
public record CredentialsConfig(String name, String user, String password, Path passwordFile, String token, Path tokenFile) {
    public CredentialsConfig {
        Objects.requireNonNull(name, "name");
    }

    /** The key path of this credential's configuration, for messages. */
    public String path() {
        return "wcf4j.credentials." + name;
    }

    /** Masks the secrets: a configuration may be logged. */
    @Override
    public String toString() {
        return "CredentialsConfig[" + name + ": " + (user != null ? "user " + user : "bearer token") + "]";
    }
}
