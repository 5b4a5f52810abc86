package io.wcf4j.binding.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.wcf4j.FaultCode;
import io.wcf4j.spi.InvocationContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Which calls a connection takes, and where they run: at most {@code max-concurrent-calls-per-connection} at once
 * (a request-reply call past it is refused; a one-way call is taken and reading pauses, so that TCP slows its
 * sender down instead of its call being lost), each on the endpoint's bounded worker pool, never on the event
 * loop. Tracks the calls running so that a CANCEL, or the connection closing, reaches them (the operation sees
 * {@link io.wcf4j.OperationContext#isCancelled()} and the answer is dropped), and closes the connection once a CLOSE was
 * received and the last call finished. Also pauses reading a peer that does not read its replies.
 */
final class CallAdmission {
    /** Why a call was not taken. */
    record Refusal(FaultCode code, String message) {
    }

    private final ChannelHandlerContext ctx;
    private final FramedEndpoint endpoint;
    private final BooleanSupplier broken;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
    /** The contexts of the running calls whose invocation has been read. */
    private final Map<Long, InvocationContext> contexts = new ConcurrentHashMap<>();
    /** Reading paused because one-way calls reached the per-connection limit (touched on the event loop). */
    private volatile boolean pausedByCalls;
    private volatile boolean closing;

    /** @param broken whether the connection broke (then reading stays off) */
    CallAdmission(ChannelHandlerContext ctx, FramedEndpoint endpoint, BooleanSupplier broken) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.broken = broken;
    }

    /**
     * On the event loop: takes a call and runs {@code call} on a worker, or says why not. The call must end with
     * {@link #finished}.
     */
    Refusal admit(long correlationId, boolean oneWay, Runnable call) {
        if (closing) {
            return new Refusal(FaultCode.UNAVAILABLE, "connection is closing");
        }
        if (inFlight.incrementAndGet() > endpoint.maxCallsPerConnection) {
            if (!oneWay) {
                inFlight.decrementAndGet();
                return new Refusal(FaultCode.RESOURCE_EXHAUSTED, "server busy: more than "
                        + endpoint.maxCallsPerConnection + " calls running on this connection");
            }
            pausedByCalls = true;
            ctx.channel().config().setAutoRead(false);
        }
        running.add(correlationId);
        try {
            endpoint.workers.execute(call);
            return null;
        } catch (RejectedExecutionException e) {
            running.remove(correlationId);
            inFlight.decrementAndGet();
            // a pause this call set must not outlive it (we are on the event loop)
            resumeReadingAfterCalls();
            return new Refusal(FaultCode.RESOURCE_EXHAUSTED, "server busy: worker queue full; retry later");
        }
    }

    /** A call taken by {@link #admit} has been answered (or dropped); any thread. */
    void finished(long correlationId) {
        running.remove(correlationId);
        contexts.remove(correlationId);
        cancelled.remove(correlationId);
        int left = inFlight.decrementAndGet();
        if (left == 0 && closing) {
            ctx.close();
        }
        if (pausedByCalls && left < endpoint.maxCallsPerConnection) {
            ctx.channel().eventLoop().execute(this::resumeReadingAfterCalls);
        }
    }

    /** On a worker: a call's invocation was read; a CANCEL that came before reaches it now. */
    void started(long correlationId, InvocationContext context) {
        contexts.put(correlationId, context);
        if (cancelled.contains(correlationId)) {
            context.cancel(CANCELLED_BY_CALLER);
        }
    }

    /** The caller gave up on a call; only a call still running can be cancelled, so the set stays small. */
    void cancel(long correlationId) {
        if (running.contains(correlationId)) {
            cancelled.add(correlationId);
            InvocationContext context = contexts.get(correlationId);
            if (context != null) {
                context.cancel(CANCELLED_BY_CALLER);
            }
        }
    }

    /** The connection closed: nobody waits for the calls still running. */
    void disconnected() {
        contexts.values().forEach(c -> c.cancel("the caller disconnected"));
    }

    private static final String CANCELLED_BY_CALLER = "the caller cancelled it";

    /** Whether the caller cancelled this call (its answer would be noise). */
    boolean isCancelled(long correlationId) {
        return cancelled.contains(correlationId);
    }

    /** The peer said CLOSE: take no more calls, close once those running are answered. */
    void close() {
        closing = true;
        if (inFlight.get() == 0) {
            ctx.close();
        }
    }

    /** A peer that does not read its replies stops being read: its replies must not pile up in memory. */
    void writabilityChanged() {
        if (!broken.getAsBoolean()) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable() && !pausedByCalls);
        }
    }

    /** On the event loop: reading resumes once the one-way calls that paused it are below the limit. */
    private void resumeReadingAfterCalls() {
        if (pausedByCalls && inFlight.get() < endpoint.maxCallsPerConnection) {
            pausedByCalls = false;
            if (!broken.getAsBoolean()) {
                ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            }
        }
    }
}
