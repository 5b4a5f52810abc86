package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.model.ContractDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one invocation pipeline every binding calls. A binding decodes its wire into an {@link Invocation}, calls
 * {@link #dispatch} or {@link #dispatchOneWay} and writes the {@link Outcome} back; it does nothing else.
 * Messages it refuses before they become invocations it reports with {@link #refused}.
 *
 * <p>The Dispatcher runs the {@link DispatchBehavior}s phase by phase ({@link Phase}), gets an instance from
 * the instance provider, calls the implementation, and maps what it throws: a declared fault stays typed,
 * {@link io.wcf4j.ServiceException} keeps its code and message, anything else becomes
 * {@link io.wcf4j.FaultCode#INTERNAL} with a reference id and no detail (the exception is logged).
 *
 * <p>Stages returned here never complete exceptionally. Thread-safe: bindings call it from any number of
 * threads.
 *
 * @since 0.1
 */
public interface Dispatcher {

    /** The contract this dispatcher serves. */
    ContractDescription contract();

    /**
     * Runs a call to completion. A synchronous operation completes the stage on the calling thread before this
     * returns; an operation returning a {@link CompletionStage} completes it later. For a one-way operation this
     * runs it too, before completing: for a transport that acknowledges a message only once its operation ran
     * (a transacted queue).
     */
    CompletionStage<Outcome> dispatch(Invocation invocation);

    /**
     * Accepts a one-way call: runs the observe and admit phases on the calling thread and queues the call for
     * the service's one-way executor (when the queue is full, this thread waits for room, up to the throttling
     * queue timeout or the call's deadline). The stage completes before this returns, with a value once the call is
     * accepted, or with the refusal the binding sends to the caller. The acknowledgement carries no response
     * metadata. The call runs later, without the sender's deadline (its sender stopped waiting); its own failure is
     * logged and seen by observe-phase behaviors, never sent back.
     */
    CompletionStage<Outcome> dispatchOneWay(Invocation invocation);

    /** Reports a message the binding refused before dispatch, for observe-phase behaviors. Never throws. */
    void refused(Refusal refusal);

    /** Tells the dispatcher that a session ended (the binding's connection closed), so per-session instances go. */
    void sessionClosed(String sessionId);

    /**
     * Waits for a dispatched call's outcome, for bindings whose wire answers on the receiving thread (a servlet,
     * a queue consumer). Gives up at the call's deadline with DEADLINE_EXCEEDED, so that an asynchronous
     * operation that never completes does not hold the thread for ever.
     *
     * @param deadline the call's deadline, or null to wait as long as it takes
     */
    static Outcome await(CompletionStage<Outcome> stage, Instant deadline) {
        var future = stage.toCompletableFuture();
        try {
            if (future.isDone() || deadline == null) {
                return future.get();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            long nanos = left.isNegative() ? 0 : left.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : left.toNanos();
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Outcome.error(FaultCode.DEADLINE_EXCEEDED, "the operation did not complete before the call's deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(FaultCode.UNAVAILABLE, "interrupted while waiting for the operation");
        } catch (ExecutionException e) {
            // the Dispatcher's stages do not fail; a binding's own stage might
            return Outcome.error(FaultCode.INTERNAL, "the operation failed");
        }
    }
}
