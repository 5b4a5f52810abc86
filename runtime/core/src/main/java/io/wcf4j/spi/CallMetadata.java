package io.wcf4j.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What travels with a call besides its arguments, the same whatever the wire: the deadline, the W3C trace
 * context, a transaction context, credentials, a client idempotency key, and any header a caller or a behavior
 * adds. Each binding has one codec that maps it to and from its wire's own slots (HTTP headers, SOAP header
 * elements, JMS properties, frame headers; see docs/wire-formats.md), so a behavior written against it works
 * on every binding.
 *
 * <p>Keys are case-insensitive: they are kept in lower case. A key is an HTTP token (letters, digits and
 * {@code !#$%&'*+-.^_`|~}) of at most {@value #MAX_KEY_LENGTH} characters; a value is what an HTTP header
 * field may hold (tab, space, visible ASCII, and the bytes 0x80-0xFF as Latin-1 characters: no control characters,
 * no line breaks), so that every wire can carry it; text beyond that must be encoded by whoever sends it (e.g.
 * percent-encoding). A key may have several values, in the order added.
 *
 * <p>The deadline is typed, not a string: each wire writes it in its own way (a remaining time in
 * milliseconds on HTTP and frames, the message expiration on JMS) and reads it back as an instant.
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 *
 * <p>Metadata is what a caller <em>claims</em>. Who the caller is comes from the {@link PeerIdentity} (what the
 * transport verified) and the authentication stage, never from a metadata value.
 *
 * @since 0.1
 */
public final class CallMetadata {
    /** W3C trace context: {@code traceparent}. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace context: {@code tracestate}. */
    public static final String TRACESTATE = "tracestate";
    /** A flowed transaction context (its format belongs to the transaction behavior). */
    public static final String TRANSACTION = "wcf4j-transaction";
    /** A credential the caller presents, as in HTTP ({@code Basic ...}, {@code Bearer ...}). */
    public static final String AUTHORIZATION = "authorization";
    /** A client's key that makes a retried call recognisable as the same call. */
    public static final String IDEMPOTENCY_KEY = "idempotency-key";
    /** The longest key any wire carries (a frame header key is at most 255 bytes). */
    public static final int MAX_KEY_LENGTH = 255;

    /** No metadata and no deadline. */
    public static final CallMetadata EMPTY = new CallMetadata(Map.of(), null);

    private final Map<String, List<String>> entries;
    private final Instant deadline;

    private CallMetadata(Map<String, List<String>> entries, Instant deadline) {
        this.entries = entries;
        this.deadline = deadline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** When the caller stops waiting, or null for no deadline. */
    public Instant deadline() {
        return deadline;
    }

    /** The time left before the deadline (negative once passed), or null for no deadline. */
    public Duration timeRemaining() {
        return deadline == null ? null : Duration.between(Instant.now(), deadline);
    }

    /** The first value of a key, or null. */
    public String get(String key) {
        List<String> v = entries.get(normalize(key));
        return v == null ? null : v.get(0);
    }

    /** Every value of a key, in order; empty when absent. */
    public List<String> getAll(String key) {
        List<String> v = entries.get(normalize(key));
        return v == null ? List.of() : v;
    }

    public boolean contains(String key) {
        return entries.containsKey(normalize(key));
    }

    /** The keys, in lower case, in the order first added. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Every entry; keys in lower case. */
    public Map<String, List<String>> asMap() {
        return entries;
    }

    /** Whether there is neither an entry nor a deadline. */
    public boolean isEmpty() {
        return entries.isEmpty() && deadline == null;
    }

    /** A builder holding these entries and this deadline. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.deadline = deadline;
        entries.forEach((k, v) -> b.entries.put(k, new ArrayList<>(v)));
        return b;
    }

    /** Whether {@code key} is a key every wire can carry (before lower-casing). */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} is a value every wire can carry: an HTTP field value (tab, space, 0x21-0x7E, 0x80-0xFF). */
    public static boolean isValidValue(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallMetadata m && m.entries.equals(entries) && Objects.equals(m.deadline, deadline);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + Objects.hashCode(deadline);
    }

    /** Keys and deadline only: values may be credentials. */
    @Override
    public String toString() {
        return "CallMetadata" + entries.keySet() + (deadline == null ? "" : " deadline " + deadline);
    }

    /** Builds {@link CallMetadata}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> entries = new LinkedHashMap<>();
        private Instant deadline;

        private Builder() {
        }

        /**
         * Sets a key to one value, replacing any it had.
         *
         * @throws IllegalArgumentException for a key or value that not every wire can carry
         */
        public Builder put(String key, String value) {
            List<String> values = new ArrayList<>(1);
            values.add(checkValue(key, value));
            entries.put(checkKey(key), values);
            return this;
        }

        /** Adds a value to a key. */
        public Builder add(String key, String value) {
            String v = checkValue(key, value);
            entries.computeIfAbsent(checkKey(key), k -> new ArrayList<>(1)).add(v);
            return this;
        }

        /**
         * Adds a value if key and value are valid, and says whether it did: for codecs reading what a peer sent,
         * which skip what they cannot carry instead of failing the call.
         */
        public boolean addIfValid(String key, String value) {
            if (!isValidKey(key) || !isValidValue(value)) {
                return false;
            }
            entries.computeIfAbsent(normalize(key), k -> new ArrayList<>(1)).add(value);
            return true;
        }

        public Builder remove(String key) {
            entries.remove(normalize(key));
            return this;
        }

        /** Every entry of {@code other} replaces the same key here; its deadline replaces this one if it has one. */
        public Builder putAll(CallMetadata other) {
            other.entries.forEach((k, v) -> entries.put(k, new ArrayList<>(v)));
            if (other.deadline != null) {
                deadline = other.deadline;
            }
            return this;
        }

        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        public Instant deadline() {
            return deadline;
        }

        /** The first value of a key so far, or null. */
        public String get(String key) {
            List<String> v = entries.get(normalize(key));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public CallMetadata build() {
            if (entries.isEmpty()) {
                return deadline == null ? EMPTY : new CallMetadata(Map.of(), deadline);
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            entries.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    copy.put(k, List.copyOf(v));
                }
            });
            return new CallMetadata(Collections.unmodifiableMap(copy), deadline);
        }

        private static String checkKey(String key) {
            if (!isValidKey(key)) {
                throw new IllegalArgumentException("metadata key '" + key + "' is not an HTTP token of 1 to "
                        + MAX_KEY_LENGTH + " characters");
            }
            return normalize(key);
        }

        private static String checkValue(String key, String value) {
            Objects.requireNonNull(value, "value");
            if (!isValidValue(value)) {
                throw new IllegalArgumentException("metadata value of '" + key + "' has a character no HTTP header may"
                        + " carry (a control character, a line break, or one above U+00FF): encode it");
            }
            return value;
        }
    }
}
