package io.wcf4j.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passwords that verified recently, so that a client that sends its password with every call (HTTP Basic, a
 * WS-Security PasswordText token) pays for the slow hash once per {@link #TTL}, not on every call. Only exact
 * matches of a password that already verified hit; a guess always takes the slow path (and its backoff).
 *
 * <p>Nothing here can be turned back into a password: entries are keyed by an HMAC-SHA256 (the JDK's) of user and
 * password under a random key made at start, kept in memory only, and bound to the stored hash they verified
 * against, so a changed password is checked afresh. Bounded: {@link #MAX_ENTRIES}.
 */
final class VerifiedPasswords {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(String storedHash, long expires) {
    }

    VerifiedPasswords(LongSupplier nanoClock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.clock = nanoClock;
    }

    boolean contains(String user, char[] password, String storedHash) {
        Entry e = entries.get(mac(user, password));
        return e != null && clock.getAsLong() - e.expires < 0
                && MessageDigest.isEqual(e.storedHash.getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8));
    }

    void add(String user, char[] password, String storedHash) {
        long now = clock.getAsLong();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now - e.expires >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(mac(user, password), new Entry(storedHash, now + TTL.toNanos()));
    }

    private String mac(String user, char[] password) {
        ByteBuffer pw = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[pw.remaining()];
        pw.get(passwordBytes);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(passwordBytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }
}
