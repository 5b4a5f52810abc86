package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Refuses a call whose caller has already stopped waiting, its deadline passed or the call cancelled: running it
 * would be wasted work. Built in.
 */
final class DeadlineBehavior implements DispatchBehavior {
    /** First in the admit phase, so that later stages (authentication, throttling) never work for nobody. */
    static final int ORDER = -1000;

    @Override
    public Phase phase() {
        return Phase.ADMIT;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        if (invocation.context().isCancelled()) {
            return CompletableFuture.completedFuture(cancelled(invocation));
        }
        Duration left = invocation.context().timeRemaining();
        if (left != null && (left.isNegative() || left.isZero())) {
            return CompletableFuture.completedFuture(Outcome.error(FaultCode.DEADLINE_EXCEEDED,
                    "deadline passed before operation " + invocation.operation().name() + " started"));
        }
        return next.proceed(invocation);
    }

    /** The outcome of a call whose caller cancelled it before its operation started. */
    static Outcome cancelled(Invocation invocation) {
        return Outcome.error(FaultCode.CANCELLED, "cancelled (" + invocation.context().cancellationReason()
                + ") before operation " + invocation.operation().name() + " started");
    }

    @Override
    public String toString() {
        return "deadline";
    }
}
