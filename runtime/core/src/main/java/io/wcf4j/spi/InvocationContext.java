package io.wcf4j.spi;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a binding knows about a call besides its arguments: message headers, the authenticated principal,
 * the deadline, the flowed transaction context, the session, the caller's address. Behaviors read it and may
 * attach typed {@link Key attributes} for the behaviors after them.
 *
 * <p>A binding builds it once per call with {@link #builder()}; after that only attributes change.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class InvocationContext {
    private final Map<String, List<String>> headers;
    private final Principal principal;
    private final Instant deadline;
    private final Object transactionContext;
    private final String sessionId;
    private final String remoteAddress;
    private final String bindingType;
    private final io.wcf4j.Session session;
    private final CallbackChannel callbacks;
    private final Map<Key<?>, Object> attributes = new ConcurrentHashMap<>();

    private InvocationContext(Builder b) {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(b.headers);
        this.headers = Collections.unmodifiableMap(h);
        this.principal = b.principal;
        this.deadline = b.deadline;
        this.transactionContext = b.transactionContext;
        this.session = b.session;
        this.callbacks = b.callbacks;
        this.sessionId = b.sessionId != null ? b.sessionId : b.session != null ? b.session.id() : null;
        this.remoteAddress = b.remoteAddress;
        this.bindingType = b.bindingType;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Message headers (HTTP headers, JMS properties, frame headers), names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            v = headers.get(name);
        }
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The authenticated caller, or null when the call is anonymous. */
    public Principal principal() {
        return principal;
    }

    /** When the caller stops waiting, or null for no deadline. */
    public Instant deadline() {
        return deadline;
    }

    /** The time left before the deadline (negative once passed), or null for no deadline. */
    public Duration timeRemaining() {
        return deadline == null ? null : Duration.between(Instant.now(), deadline);
    }

    /** The transaction context flowed with the call, or null. Its type belongs to the transaction behavior. */
    public Object transactionContext() {
        return transactionContext;
    }

    /** The session this call belongs to (a TCP connection, say), or null for a sessionless call. */
    public String sessionId() {
        return sessionId;
    }

    /** The caller's session, or null for a sessionless call. */
    public io.wcf4j.Session session() {
        return session;
    }

    /** The caller's callback channel on a duplex binding, or null. */
    public CallbackChannel callbacks() {
        return callbacks;
    }

    /** The caller's network address as the binding saw it, or null. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The type of the binding that received the call (e.g. {@code soap-http}). */
    public String bindingType() {
        return bindingType;
    }

    /** A typed attribute set by a behavior, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) attributes.get(key);
    }

    /** Sets a typed attribute for the behaviors that follow. */
    public <T> void set(Key<T> key, T value) {
        attributes.put(key, Objects.requireNonNull(value, "value"));
    }

    /** A typed attribute key; compared by identity. */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        public static <T> Key<T> of(String name) {
            return new Key<>(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Builds an {@link InvocationContext}. */
    public static final class Builder {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Principal principal;
        private Instant deadline;
        private Object transactionContext;
        private String sessionId;
        private String remoteAddress;
        private String bindingType;
        private io.wcf4j.Session session;
        private CallbackChannel callbacks;

        private Builder() {
        }

        /** The caller's session; its id becomes the session id. */
        public Builder session(io.wcf4j.Session session) {
            this.session = session;
            return this;
        }

        public Builder callbacks(CallbackChannel callbacks) {
            this.callbacks = callbacks;
            return this;
        }

        public Builder header(String name, List<String> values) {
            headers.put(name, List.copyOf(values));
            return this;
        }

        public Builder principal(Principal principal) {
            this.principal = principal;
            return this;
        }

        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder transactionContext(Object transactionContext) {
            this.transactionContext = transactionContext;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public Builder bindingType(String bindingType) {
            this.bindingType = bindingType;
            return this;
        }

        public InvocationContext build() {
            return new InvocationContext(this);
        }
    }
}
