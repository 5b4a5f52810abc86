package io.wcf4j.binding.tcp;

import io.netty.channel.Channel;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls that one side of a connection starts and the other answers: the pending replies by correlation id,
 * the sending of REQUEST/ONE_WAY (client) or CALLBACK (server) frames and the wait for their answer. The
 * client numbers its calls 1, 3, 5 ...; the server numbers its callbacks 2, 4, 6 ..., so the two never clash.
 */
final class ConnectionCalls {
    private final PayloadCodec codec;
    private final boolean serverSide;
    private final AtomicLong nextId;
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    /** Why the connection ended, once it has: later calls fail with it at once. */
    private volatile ServiceException terminal;

    ConnectionCalls(PayloadCodec codec, boolean serverSide) {
        this.codec = codec;
        this.serverSide = serverSide;
        this.nextId = new AtomicLong(serverSide ? 2 : 1);
    }

    /** Whether a frame with this id answers a call this side started. */
    boolean isOurs(long correlationId) {
        return correlationId != 0 && ((correlationId & 1) == 0) == serverSide;
    }

    /** Completes the call a REPLY or FAULT frame answers; false if nobody waits for it (cancelled, timed out). */
    boolean complete(Frame frame) {
        CompletableFuture<Frame> f = pending.remove(frame.correlationId());
        return f != null && f.complete(frame);
    }

    /** Fails one waiting call. */
    void fail(long correlationId, ServiceException e) {
        CompletableFuture<Frame> f = pending.remove(correlationId);
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    /**
     * Fails every call still waiting, and every later one, e.g. when the connection is lost. The first cause
     * given wins: a server's "busy" fault stays the reason even when the close that follows it is seen too.
     */
    void failAll(ServiceException cause) {
        if (terminal == null) {
            terminal = cause;
        }
        ServiceException e = terminal;
        for (Long id : pending.keySet()) {
            CompletableFuture<Frame> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(e);
            }
        }
    }

    int pendingCount() {
        return pending.size();
    }

    /**
     * Sends a call and, unless it is one-way, waits for its answer.
     *
     * @param maxFrame the largest frame the peer accepts
     */
    Object call(Channel channel, FrameType type, OperationDescription op, Object[] args, Duration timeout, int maxFrame)
            throws Exception {
        byte[] payload = codec.encodeCall(op, args);
        if (payload.length + FrameDecoder.MIN_LENGTH + 32 > maxFrame) {
            throw new ServiceException(FaultCode.MESSAGE_TOO_LARGE, "message of " + payload.length
                    + " bytes is over the limit of " + maxFrame + " bytes");
        }
        long id = nextId.getAndAdd(2);
        Map<String, String> headers = Map.of("deadline", Long.toString(timeout.toMillis()));
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        if (!op.oneWay()) {
            pending.put(id, reply);
        }
        if (terminal != null) {
            pending.remove(id);
            throw terminal;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        var write = channel.writeAndFlush(Frame.of(type, id, headers, payload));
        try {
            if (op.oneWay()) {
                if (!write.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "one-way message not sent within " + timeout);
                }
                if (!write.isSuccess()) {
                    throw new ServiceException(FaultCode.UNAVAILABLE, "connection lost: " + write.cause());
                }
                return null;
            }
            write.addListener(w -> {
                if (!w.isSuccess()) {
                    CompletableFuture<Frame> f = pending.remove(id);
                    if (f != null) {
                        f.completeExceptionally(new ServiceException(FaultCode.UNAVAILABLE, "connection lost: " + w.cause()));
                    }
                }
            });
            Frame answer = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (answer.type() == FrameType.FAULT) {
                throw codec.decodeFault(op, answer.payload());
            }
            return codec.decodeValue(op, answer.payload());
        } catch (TimeoutException e) {
            pending.remove(id);
            if (channel.isActive()) {
                channel.writeAndFlush(Frame.of(FrameType.CANCEL, id, Frame.EMPTY));
            }
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply to " + op.name() + " within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new ServiceException(FaultCode.INTERNAL, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            pending.remove(id);
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.UNAVAILABLE, "interrupted while waiting for " + op.name());
        }
    }

    /** A proxy of a contract whose calls go over {@code channel} as {@code type} frames. */
    <T> T proxy(Class<T> type, ContractDescription contract, Channel channel, FrameType frameType, Duration timeout, int maxFrame) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + " callback to " + channel.remoteAddress();
                };
            }
            OperationDescription op = contract.operation(method).orElseThrow();
            if (!channel.isActive()) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "the caller has disconnected");
            }
            return call(channel, frameType, op, args, timeout, maxFrame);
        }));
    }
}
