package io.wcf4j.security;

import io.wcf4j.config.ConfigException;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.spi.PeerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import java.nio.CharBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The users of the {@code wcf4j.security.users} configuration: password hashes checked with Spring Security's
 * encoders (bcrypt, PBKDF2; nothing fast or unsalted is accepted), roles, and failed-login backoff per user and
 * per address.
 *
 * <p>An unknown user costs one hash check, as a wrong password does, so that timing does not tell which users
 * exist. Thread-safe.
 */
public final class ConfiguredIdentityStore implements IdentityStore {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredIdentityStore.class);
    /** Salted slow hashes only: the ids under which Spring Security writes them. */
    static final Map<String, PasswordEncoder> SLOW_HASHES = Map.of(
            "bcrypt", new BCryptPasswordEncoder(),
            "pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
    static final String DEFAULT_ID = "bcrypt";

    private final Map<String, SecurityConfig.User> users;
    private final PasswordEncoder encoder;
    private final String unknownUserHash;
    private final FailedLoginBackoff backoff;
    private final VerifiedPasswords verified;

    private ConfiguredIdentityStore(SecurityConfig config, LongSupplier nanoClock) {
        this.encoder = encoder();
        Map<String, SecurityConfig.User> byName = new HashMap<>();
        config.users().forEach((name, user) -> {
            if (user.password() != null) {
                checkHash(user.password(), "wcf4j.security.users." + name + ".password");
            }
            byName.put(name, user);
        });
        this.users = Map.copyOf(byName);
        this.unknownUserHash = encoder.encode("no such user");
        this.backoff = new FailedLoginBackoff(config.failedLogins(), nanoClock);
        this.verified = new VerifiedPasswords(nanoClock);
    }

    /** The store of a security configuration. */
    public static ConfiguredIdentityStore of(SecurityConfig config) {
        return new ConfiguredIdentityStore(config, System::nanoTime);
    }

    static ConfiguredIdentityStore of(SecurityConfig config, LongSupplier nanoClock) {
        return new ConfiguredIdentityStore(config, nanoClock);
    }

    /** Hashes a password for the configuration ({@code {bcrypt}$2a$10$...}). */
    public static String hash(CharSequence password) {
        return encoder().encode(password);
    }

    private static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder(DEFAULT_ID, SLOW_HASHES);
    }

    private static void checkHash(String hash, String path) {
        int close = hash.indexOf('}');
        String id = hash.startsWith("{") && close > 0 ? hash.substring(1, close) : null;
        if (id == null || !SLOW_HASHES.containsKey(id)) {
            throw new ConfigException(path, "not a salted slow hash: give {bcrypt}... or {pbkdf2@SpringSecurity_v5_8}..."
                    + " (make one with: java -jar wcf4j-cli.jar hash-password); ids accepted: " + SLOW_HASHES.keySet());
        }
        if (hash.length() <= close + 1) {
            throw new ConfigException(path, "the hash after {" + id + "} is empty");
        }
    }

    @Override
    public Optional<Identity> verifyPassword(String user, char[] password, String remoteAddress) {
        String userKey = "user:" + user;
        String addressKey = remoteAddress == null ? null : "address:" + PeerIdentity.hostOf(remoteAddress);
        if (!backoff.mayTry(userKey, addressKey)) {
            log.info("login for a user refused unchecked: failed-login backoff ({} left)", backoff.remaining(userKey));
            return Optional.empty();
        }
        SecurityConfig.User u = users.get(user);
        if (u != null && u.password() != null && verified.contains(user, password, u.password())) {
            return Optional.of(new Identity(u.name(), Set.copyOf(u.roles())));
        }
        CharBuffer raw = CharBuffer.wrap(password);
        boolean matches;
        if (u == null || u.password() == null) {
            encoder.matches(raw, unknownUserHash);   // same cost as a known user
            matches = false;
        } else {
            matches = encoder.matches(raw, u.password());
        }
        if (!matches) {
            backoff.failed(userKey, addressKey);
            return Optional.empty();
        }
        backoff.succeeded(userKey);
        verified.add(user, password, u.password());
        return Optional.of(new Identity(u.name(), Set.copyOf(u.roles())));
    }

    @Override
    public Optional<Identity> find(String name) {
        SecurityConfig.User u = users.get(name);
        return u == null ? Optional.empty() : Optional.of(new Identity(u.name(), Set.copyOf(u.roles())));
    }

    @Override
    public Optional<char[]> digestSecret(String user) {
        SecurityConfig.User u = users.get(user);
        return u == null || u.digestSecret() == null ? Optional.empty() : Optional.of(u.digestSecret().toCharArray());
    }
}
