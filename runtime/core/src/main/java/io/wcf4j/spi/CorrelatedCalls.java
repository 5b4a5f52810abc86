package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound engine of a duplex connection, for any binding that multiplexes calls in both directions over one
 * connection (net.tcp, net.pipe, and later WebSocket): numbers the calls this side starts, keeps them until their
 * answer arrives in whatever order, waits no later than each call's deadline (then tells the peer to stop with
 * {@link Wire#cancel}), and fails every waiting call at once when the connection is lost. The binding supplies
 * only its {@link Wire}: how a call is written and how an answer is read.
 *
 * <p>The two sides of a connection number their calls apart: the side that opened it (the client) uses odd ids
 * 1, 3, 5 ..., the other side even ids 2, 4, 6 ..., so both can start exchanges on one connection. Id 0 is never
 * used: it means "the connection itself".
 *
 * <p>A one-way call waits for an answer too (an acknowledgement once the peer accepted it, or its refusal), so
 * that a refusal reaches the caller; unless the peer speaks an older protocol that does not acknowledge one-way
 * calls ({@link Wire#acknowledgesOneWay}), where it returns once written.
 *
 * <p>Thread-safe.
 *
 * @param <A> the binding's answer message (a frame)
 * @since 0.1
 */
public final class CorrelatedCalls<A> {

    /** How a binding writes calls and reads answers. */
    public interface Wire<A> {
        /**
         * Writes {@code call} under {@code id}, with its metadata.
         *
         * @return completes once written, exceptionally if the connection failed
         * @throws ServiceException if the call cannot be written (too large, say); nothing was sent
         */
        CompletionStage<?> send(long id, ClientCall call);

        /** Tells the peer that nobody waits for the answer to {@code id} any more. */
        void cancel(long id);

        /** Whether the peer answers one-way calls (an acknowledgement or a refusal); if not, they are not waited for. */
        default boolean acknowledgesOneWay() {
            return true;
        }

        /**
         * Reads the answer to {@code call}: records its response metadata on the call and returns the result
         * (null for void and one-way operations), or throws the declared fault or {@link ServiceException} it
         * carries.
         */
        Object read(ClientCall call, A answer) throws Exception;
    }

    private final boolean evenIds;
    private final AtomicLong nextId;
    private final Map<Long, CompletableFuture<A>> pending = new ConcurrentHashMap<>();
    /** Why the connection ended, once it has: later calls fail with it at once. */
    private volatile ServiceException terminal;

    /**
     * @param evenIds true for the side that accepted the connection (it numbers its calls 2, 4, 6 ...)
     */
    public CorrelatedCalls(boolean evenIds) {
        this.evenIds = evenIds;
        this.nextId = new AtomicLong(evenIds ? 2 : 1);
    }

    /** Whether an answer with this id answers a call this side started. */
    public boolean isOurs(long id) {
        return id != 0 && ((id & 1) == 0) == evenIds;
    }

    /** Hands an answer to the call waiting for it; false if nobody waits (cancelled, timed out, unknown). */
    public boolean complete(long id, A answer) {
        CompletableFuture<A> f = pending.remove(id);
        return f != null && f.complete(answer);
    }

    /** Fails one waiting call. */
    public void fail(long id, ServiceException e) {
        CompletableFuture<A> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    /**
     * Fails every call still waiting, and every later one, e.g. when the connection is lost. The first cause
     * given wins: a peer's "busy" fault stays the reason even when the close that follows it is seen too.
     */
    public void failAll(ServiceException cause) {
        if (terminal == null) {
            terminal = cause;
        }
        ServiceException e = terminal;
        for (Long id : pending.keySet()) {
            fail(id, e);
        }
    }

    /** Calls waiting for their answer. */
    public int pendingCount() {
        return pending.size();
    }

    /** A one-way call to a peer that does not acknowledge it: done once written. */
    private Object sendUnacknowledged(ClientCall call, Wire<A> wire) throws Exception {
        ServiceException ended = terminal;
        if (ended != null) {
            throw ended;
        }
        try {
            wire.send(nextId.getAndAdd(2), call).toCompletableFuture()
                    .get(Math.max(0, call.timeRemaining().toNanos()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "one-way " + call.operation().name()
                    + " not sent within " + call.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ServiceException(FaultCode.UNAVAILABLE, "connection lost: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.UNAVAILABLE, "interrupted while sending " + call.operation().name());
        }
    }

    /**
     * Sends a call and waits for its answer, no later than its deadline.
     *
     * @throws ServiceException UNAVAILABLE when the connection is or gets lost, DEADLINE_EXCEEDED when no answer
     *                          came in time; or what {@link Wire#read} throws
     */
    public Object call(ClientCall call, Wire<A> wire) throws Exception {
        if (call.operation().oneWay() && !wire.acknowledgesOneWay()) {
            return sendUnacknowledged(call, wire);
        }
        long id = nextId.getAndAdd(2);
        CompletableFuture<A> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ServiceException ended = terminal;
        if (ended != null) {
            pending.remove(id);
            throw ended;
        }
        CompletionStage<?> written;
        try {
            written = wire.send(id, call);
        } catch (RuntimeException e) {
            pending.remove(id);
            throw e;
        }
        written.whenComplete((v, t) -> {
            if (t != null) {
                fail(id, new ServiceException(FaultCode.UNAVAILABLE, "connection lost: " + t.getMessage()));
            }
        });
        Duration left = call.timeRemaining();
        try {
            A a = answer.get(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
            return wire.read(call, a);
        } catch (TimeoutException e) {
            pending.remove(id);
            wire.cancel(id);
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no " + (call.operation().oneWay() ? "acknowledgement" : "reply")
                    + " to " + call.operation().name() + " within " + call.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new ServiceException(FaultCode.INTERNAL, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            // the caller gave up: the service hears of it (the wire's cancel) and may stop its work
            pending.remove(id);
            wire.cancel(id);
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.CANCELLED, "cancelled: interrupted while waiting for " + call.operation().name());
        }
    }
}
