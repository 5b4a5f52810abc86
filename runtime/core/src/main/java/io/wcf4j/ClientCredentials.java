package io.wcf4j;

import io.wcf4j.security.BasicCredentials;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The credential a client proxy presents (WCF's {@code ClientCredentials}), as a {@link ClientBehavior} that puts
 * it in the call's {@link CallMetadata#AUTHORIZATION} entry, which every binding carries in its own slot (an HTTP
 * header, a JMS property, a frame header):
 *
 * <pre>{@code
 * ChannelFactory.builder(Ledger.class).address(...).binding("net-tcp")
 *         .behavior(ClientCredentials.userName("teller", password))
 *         .build();
 * }</pre>
 *
 * <p>A call whose metadata already carries a credential keeps it. Send passwords and tokens only over TLS, a
 * named pipe or loopback: the host refuses them elsewhere unless told otherwise.
 *
 * @since 0.1
 */
public final class ClientCredentials {
    /** Early in the chain, so that behaviors after it (logging, say) see that a credential is sent. */
    public static final int ORDER = -100;

    private ClientCredentials() {
    }

    /** A user name and password, sent as HTTP Basic credentials ({@code Basic base64(user:password)}, UTF-8). */
    public static ClientBehavior userName(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String value = BasicCredentials.encode(user, password);
        return new Sender(() -> value, "user name " + user);
    }

    /** A bearer token (a JWT, say), asked of {@code token} for every call so that it may be refreshed. */
    public static ClientBehavior bearer(Supplier<String> token) {
        Objects.requireNonNull(token, "token");
        return new Sender(() -> "Bearer " + Objects.requireNonNull(token.get(), "the token supplier returned null"), "bearer token");
    }

    /** A fixed bearer token. */
    public static ClientBehavior bearer(String token) {
        Objects.requireNonNull(token, "token");
        return bearer(() -> token);
    }

    /**
     * The credential a configuration names: its password read now (from the file when it names one), its token
     * file read again for every call.
     */
    static ClientBehavior of(io.wcf4j.config.CredentialsConfig c) {
        if (c.user() != null) {
            String password = c.password() != null ? c.password() : firstLine(c.passwordFile(), c.path() + ".password-file");
            return userName(c.user(), password.toCharArray());
        }
        if (c.token() != null) {
            return bearer(c.token());
        }
        firstLine(c.tokenFile(), c.path() + ".token-file");   // a missing file fails now, not at the first call
        return bearer(() -> firstLine(c.tokenFile(), c.path() + ".token-file"));
    }

    private static String firstLine(java.nio.file.Path file, String key) {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw new io.wcf4j.config.ConfigException(key, file + " is empty");
            }
            return line.strip();
        } catch (java.io.IOException e) {
            throw new io.wcf4j.config.ConfigException(key, "cannot read " + file + ": " + e);
        }
    }

    private record Sender(Supplier<String> authorization, String description) implements ClientBehavior {
        @Override
        public int order() {
            return ORDER;
        }

        @Override
        public Object invoke(ClientCall call, Next next) throws Exception {
            if (call.metadata().get(CallMetadata.AUTHORIZATION) == null) {
                call.metadata().put(CallMetadata.AUTHORIZATION, authorization.get());
            }
            return next.proceed(call);
        }

        @Override
        public String toString() {
            return "credentials: " + description;   // never the secret
        }
    }
}
