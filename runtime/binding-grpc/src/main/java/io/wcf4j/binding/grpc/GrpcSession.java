package io.wcf4j.binding.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.Session;
import io.wcf4j.spi.CallbackChannel;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.Deadlines;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's duplex session on a gRPC endpoint: its open {@code Connect} stream. The service's callbacks go down
 * the stream as envelopes; the caller's replies come up it. The caller's unary calls name the session in their
 * {@value #HEADER} metadata, so the service sees this session (per-session instances, {@code OperationContext}
 * callbacks) for them. The session ends when the stream does.
 */
final class GrpcSession implements Session, ClientChannel {
    /** The metadata entry that puts a unary call in a session; the server sends it in the stream's headers. */
    static final String HEADER = "wcf4j-session";
    static final Metadata.Key<String> KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(GrpcSession.class);

    private final String id;
    private final ServerCall<Object, Object> stream;
    private final GrpcMessages messages;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<GrpcMessages.CallbackReply>> pending = new ConcurrentHashMap<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile CallbackChannel callbacks;
    private volatile boolean closed;

    GrpcSession(String id, ServerCall<Object, Object> stream, GrpcMessages messages) {
        this.id = id;
        this.stream = stream;
        this.messages = messages;
    }

    void callbacks(CallbackChannel callbacks) {
        this.callbacks = callbacks;
    }

    CallbackChannel callbacks() {
        return callbacks;
    }

    /**
     * Whether a call came over the connection that opened this session. A session is its caller's, as on net.tcp
     * where it is the connection: its id, if it leaked, is no use from any other connection.
     */
    boolean isOwnedBy(ServerCall<?, ?> call) {
        Object opener = stream.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return opener != null && opener.equals(call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
        if (closed && onClose.remove(action)) {
            action.run();
        }
    }

    /**
     * Sends a callback and waits for the caller's answer (a one-way callback's answer says it was accepted), no later
     * than the callback's deadline. A caller that is not reading its stream is not waited for: the callback fails at
     * once with RESOURCE_EXHAUSTED, so that a slow caller never holds up the service.
     */
    @Override
    public Object invoke(ClientCall call) throws Exception {
        if (closed) {
            throw new ServiceException(FaultCode.UNAVAILABLE, "the caller's session has ended");
        }
        long callbackId = ids.incrementAndGet();
        byte[] envelope = messages.writeCallback(callbackId, call.operation(), call.arguments(), call.metadata().build());
        CompletableFuture<GrpcMessages.CallbackReply> reply = new CompletableFuture<>();
        pending.put(callbackId, reply);
        try {
            synchronized (stream) {
                if (!stream.isReady()) {
                    throw new ServiceException(FaultCode.RESOURCE_EXHAUSTED, "the caller is not reading its callbacks");
                }
                stream.sendMessage(envelope);
            }
            Instant deadline = call.deadline();
            GrpcMessages.CallbackReply answer = deadline == null ? reply.get()
                    : reply.get(Deadlines.remainingMillis(deadline), TimeUnit.MILLISECONDS);
            if (answer.code() != 0) {
                Status status = Status.fromCodeValue(answer.code()).withDescription(answer.message());
                throw new ServiceException(GrpcStatuses.faultCode(status), answer.message());
            }
            return answer.result();
        } catch (TimeoutException e) {
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "the caller did not answer the callback before its deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ServiceException se ? se
                    : new ServiceException(FaultCode.UNAVAILABLE, "the caller's session has ended", e.getCause());
        } finally {
            pending.remove(callbackId);
        }
    }

    /** The caller answered a callback. */
    void answered(GrpcMessages.CallbackReply reply) {
        CompletableFuture<GrpcMessages.CallbackReply> waiting = pending.get(reply.id());
        if (waiting != null) {
            waiting.complete(reply);
        } else {
            LOG.debug("session {}: an answer to callback {}, which nobody waits for", id, reply.id());
        }
    }

    /** The stream ended: callbacks still waiting fail, the close actions run, once. */
    void ended() {
        if (closed) {
            return;
        }
        closed = true;
        ServiceException gone = new ServiceException(FaultCode.UNAVAILABLE, "the caller's session has ended");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        for (Runnable r : onClose) {
            if (onClose.remove(r)) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("session {}: a close action failed", id, e);
                }
            }
        }
    }

    /** The service side closes the session (its endpoint closes). */
    @Override
    public void close() {
        synchronized (stream) {
            try {
                stream.close(Status.UNAVAILABLE.withDescription("the endpoint closed"), new Metadata());
            } catch (RuntimeException e) {
                LOG.debug("session {}: closing its stream: {}", id, e.toString());
            }
        }
        ended();
    }
}
