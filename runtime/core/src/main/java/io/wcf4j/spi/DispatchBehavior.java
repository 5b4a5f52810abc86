package io.wcf4j.spi;

import java.util.concurrent.CompletionStage;

/**
 * A behavior in the Dispatcher's pipeline, the same for every binding: it sees each {@link Invocation} of its
 * service and calls {@code next} to continue, or answers without calling it to refuse the call. Used for
 * authentication, authorization, throttling per caller, transactions, tracing, metrics and message logging,
 * so that each is written once.
 *
 * <p>A behavior declares its {@link Phase} and an {@link #order()} within the phase (lower runs first, that is
 * further out); behaviors of equal order run in the order they were added. The Dispatcher builds the chain
 * once, when the host opens.
 *
 * <p>Every layer deals in {@link Outcome}s, after fault mapping: {@code next.proceed} never throws and its
 * stage never completes exceptionally. A behavior may refuse by completing with {@link Outcome#error} or by
 * throwing (a {@link io.wcf4j.ServiceException} keeps its code; anything else becomes INTERNAL with a
 * reference), and may attach response metadata with {@link Outcome#withMetadata}.
 *
 * <p>The chain is asynchronous: an operation that returns a {@link CompletionStage} completes its stage later,
 * without holding a thread, so a behavior that needs the result must chain on the stage
 * ({@code next.proceed(inv).thenApply(...)}) rather than wait for it. A synchronous request-reply operation
 * completes the stage before {@code proceed} returns, on the thread that called it; for a one-way call, the stage
 * an observe or admit behavior gets completes when the call has run, after it was acknowledged.
 *
 * <p>Implementations must be thread-safe: one instance serves every call of a service, from many threads.
 *
 * @since 0.1
 */
public interface DispatchBehavior {

    /** The phase this behavior runs in. */
    Phase phase();

    /** The position within the phase; lower runs first (further out). */
    default int order() {
        return 0;
    }

    /**
     * Handles one invocation.
     *
     * @return the stage of {@code next.proceed(invocation)} (possibly transformed), or an outcome of its own
     * @throws Exception to refuse the call; mapped to an outcome as the operation's own failures are
     */
    CompletionStage<Outcome> invoke(Invocation invocation, Next next) throws Exception;

    /**
     * Told of a message the binding refused before it became an invocation (unreadable, too large, unknown
     * operation, over a connection's limit), so that observe-phase behaviors see every call. Called on
     * {@link Phase#OBSERVE} behaviors only, on the binding's thread; must not block or throw.
     */
    default void refused(Refusal refusal) {
    }

    /**
     * A behavior of a phase, at order 0, from a function: {@code DispatchBehavior.of(Phase.ADMIT, (call, next) -> ...)}.
     * (A behavior that must hear of refusals overrides {@link #refused} in a class of its own.)
     */
    static DispatchBehavior of(Phase phase, Handler handler) {
        return of(phase, 0, handler);
    }

    /** A behavior of a phase, at an order, from a function. */
    static DispatchBehavior of(Phase phase, int order, Handler handler) {
        java.util.Objects.requireNonNull(phase, "phase");
        java.util.Objects.requireNonNull(handler, "handler");
        return new DispatchBehavior() {
            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public CompletionStage<Outcome> invoke(Invocation invocation, Next next) throws Exception {
                return handler.invoke(invocation, next);
            }

            @Override
            public String toString() {
                return phase + " behavior " + handler;
            }
        };
    }

    /** What a behavior does to a call, for {@link #of}. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Outcome> invoke(Invocation invocation, Next next) throws Exception;
    }

    /** The rest of the pipeline. */
    @FunctionalInterface
    interface Next {
        /** Runs the rest of the pipeline; never throws, and the stage never completes exceptionally. */
        CompletionStage<Outcome> proceed(Invocation invocation);
    }
}
