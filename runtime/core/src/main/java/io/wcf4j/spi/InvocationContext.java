package io.wcf4j.spi;

import io.wcf4j.Session;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about a call besides its arguments, the same on every binding: which endpoint received it, the
 * {@link CallMetadata} the caller sent (deadline, trace context, credentials, headers), the {@link PeerIdentity}
 * the transport verified, the session and callback channel on a duplex binding, and, once the authentication
 * stage has run, the caller's principal and roles. Behaviors may attach typed {@link Key attributes} for the
 * behaviors after them.
 *
 * <p>A binding builds it once per call with {@link #builder(EndpointInfo)} from what its codec read; it cannot
 * set the principal. The principal is set once, by the authentication stage ({@link #authenticate}); until
 * then the call is anonymous.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class InvocationContext {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationContext.class);
    private final EndpointInfo endpoint;
    private final CallMetadata metadata;
    private final PeerIdentity peer;
    private final Session session;
    private final String sessionId;
    private final CallbackChannel callbacks;
    private final Map<Key<?>, Object> attributes;
    private volatile Caller caller;
    /** Why the caller cancelled the call, or null while it has not; guarded by this for the actions. */
    private volatile String cancelReason;
    private List<Runnable> cancelActions;

    private InvocationContext(Builder b) {
        this.endpoint = b.endpoint;
        this.metadata = b.metadata;
        this.peer = b.peer;
        this.session = b.session;
        this.sessionId = b.sessionId != null ? b.sessionId : b.session != null ? b.session.id() : null;
        this.callbacks = b.callbacks;
        this.attributes = new ConcurrentHashMap<>(4);
    }

    private InvocationContext(InvocationContext of, CallMetadata metadata) {
        this.endpoint = of.endpoint;
        this.metadata = metadata;
        this.peer = of.peer;
        this.session = of.session;
        this.sessionId = of.sessionId;
        this.callbacks = of.callbacks;
        this.attributes = of.attributes;
        this.caller = of.caller;
    }

    /**
     * The same call with no deadline: what a one-way call runs with once it was accepted. Its sender stopped
     * waiting at the acknowledgement, so the call, and the calls it makes, are not bound by the sender's timeout,
     * nor cancelled by it. Shares this context's caller and attributes.
     */
    public InvocationContext withoutDeadline() {
        return new InvocationContext(this, metadata.deadline() == null ? metadata : metadata.toBuilder().deadline(null).build());
    }

    /** Starts the context of a call received on {@code endpoint}. */
    public static Builder builder(EndpointInfo endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** The endpoint that received the call. */
    public EndpointInfo endpoint() {
        return endpoint;
    }

    /** The service's name. */
    public String serviceName() {
        return endpoint.service();
    }

    /** The receiving endpoint's name, e.g. {@code ledger-soap12}. */
    public String endpointName() {
        return endpoint.name();
    }

    /** The type of the binding that received the call (e.g. {@code soap-http}). */
    public String bindingType() {
        return endpoint.bindingType();
    }

    /** What the caller sent with the call. */
    public CallMetadata metadata() {
        return metadata;
    }

    /** When the caller stops waiting, or null for no deadline. */
    public Instant deadline() {
        return metadata.deadline();
    }

    /** The time left before the deadline (negative once passed), or null for no deadline. */
    public Duration timeRemaining() {
        return metadata.timeRemaining();
    }

    /** What the transport verified about the peer. */
    public PeerIdentity peer() {
        return peer;
    }

    /** The caller's network address as the binding saw it, or null. */
    public String remoteAddress() {
        return peer.remoteAddress();
    }

    /** The authenticated caller, or null while the call is anonymous. */
    public Principal principal() {
        Caller c = caller;
        return c == null ? null : c.principal;
    }

    /** Whether the authenticated caller has a role; false for an anonymous call. */
    public boolean isCallerInRole(String role) {
        Caller c = caller;
        return c != null && c.roles.contains(role);
    }

    /** The authenticated caller's roles; empty for an anonymous call. */
    public Set<String> callerRoles() {
        Caller c = caller;
        return c == null ? Set.of() : c.roles;
    }

    /**
     * Sets who the caller is. For the authentication stage of the admit phase only; once per call.
     *
     * @throws IllegalStateException if the caller was already set
     */
    public synchronized void authenticate(Principal principal, Set<String> roles) {
        if (caller != null) {
            throw new IllegalStateException("the caller of this call is already authenticated as " + caller.principal.getName());
        }
        caller = new Caller(Objects.requireNonNull(principal, "principal"), Set.copyOf(roles));
    }

    /** The session this call belongs to (a TCP connection, say), or null for a sessionless call. */
    public String sessionId() {
        return sessionId;
    }

    /** The caller's session, or null for a sessionless call. */
    public Session session() {
        return session;
    }

    /** The caller's callback channel on a duplex binding, or null. */
    public CallbackChannel callbacks() {
        return callbacks;
    }

    /**
     * Marks the call cancelled: its caller stopped waiting before the deadline, and the binding learnt it from the
     * wire (a gRPC cancel or RST_STREAM). Runs the actions registered with {@link #onCancel}. A call not yet running
     * is then not run; a running one sees {@link #isCancelled()}.
     *
     * @return true if this call cancelled it, false if it was cancelled before
     */
    public boolean cancel(String reason) {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelReason != null) {
                return false;
            }
            cancelReason = Objects.requireNonNull(reason, "reason");
            actions = cancelActions;
            cancelActions = null;
        }
        if (actions != null) {
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("an action on the cancellation of a call to {} failed", endpoint.name(), e);
                }
            }
        }
        return true;
    }

    /** Whether the caller cancelled the call. */
    public boolean isCancelled() {
        return cancelReason != null;
    }

    /** Why the call was cancelled, or null if it was not. */
    public String cancellationReason() {
        return cancelReason;
    }

    /** Runs {@code action} when the call is cancelled, on the cancelling thread; at once if it already was. */
    public void onCancel(Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (this) {
            if (cancelReason == null) {
                if (cancelActions == null) {
                    cancelActions = new ArrayList<>(2);
                }
                cancelActions.add(action);
                return;
            }
        }
        action.run();
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

    @Override
    public String toString() {
        return "InvocationContext[" + endpoint.name() + ", " + metadata + "]";
    }

    private record Caller(Principal principal, Set<String> roles) {
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

    /** Builds an {@link InvocationContext}. Not thread-safe. */
    public static final class Builder {
        private final EndpointInfo endpoint;
        private CallMetadata metadata = CallMetadata.EMPTY;
        private PeerIdentity peer = PeerIdentity.UNKNOWN;
        private String sessionId;
        private Session session;
        private CallbackChannel callbacks;

        private Builder(EndpointInfo endpoint) {
            this.endpoint = endpoint;
        }

        public Builder metadata(CallMetadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public Builder peer(PeerIdentity peer) {
            this.peer = Objects.requireNonNull(peer, "peer");
            return this;
        }

        /** The caller's session; its id becomes the session id. */
        public Builder session(Session session) {
            this.session = session;
            return this;
        }

        /** A session id without a session object (tests, sessionful wires that track nothing else). */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder callbacks(CallbackChannel callbacks) {
            this.callbacks = callbacks;
            return this;
        }

        public InvocationContext build() {
            return new InvocationContext(this);
        }
    }
}
