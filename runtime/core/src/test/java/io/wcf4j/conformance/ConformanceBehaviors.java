package io.wcf4j.conformance;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The behaviors the suite's hosts run, one per phase, so that the context section can see the pipeline from both
 * ends of every wire. They react only to calls that carry the suite's own metadata keys, so a host may run them
 * beside other services.
 */
public final class ConformanceBehaviors {
    /** A value the execute-phase behavior sends back as {@link #ECHOED}. */
    public static final String ECHO = "x-conformance-echo";
    public static final String ECHOED = "x-conformance-echoed";
    /** A call carrying this key is refused by the admit phase with PERMISSION_DENIED. */
    public static final String REFUSE = "x-conformance-refuse";
    /** Response metadata of that refusal. */
    public static final String REFUSED_BY = "x-conformance-refused-by";
    /** What the host's client behavior adds to every callback it makes. */
    public static final String CALLBACK_MARK = "x-conformance-callback";

    /** Every call the observe phase saw, as {@code service/operation=resultCode}. */
    public final List<String> observed = new CopyOnWriteArrayList<>();
    /** Every refusal reported to the observe phase. */
    public final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    /** The operations of the callbacks the host made, as its client behavior saw them. */
    public final List<String> callbacksSent = new CopyOnWriteArrayList<>();

    /** Observe: records each call's final outcome, and each refusal. */
    public DispatchBehavior observer() {
        return new DispatchBehavior() {
            @Override
            public Phase phase() {
                return Phase.OBSERVE;
            }

            @Override
            public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
                return next.proceed(invocation).thenApply(o -> {
                    observed.add(invocation.context().serviceName() + "/" + invocation.operation().name() + "=" + o.resultCode());
                    return o;
                });
            }

            @Override
            public void refused(Refusal refusal) {
                refusals.add(refusal);
            }
        };
    }

    /** Admit: refuses a call that asks for it, with response metadata saying who did. */
    public DispatchBehavior admitter() {
        return DispatchBehavior.of(Phase.ADMIT, (invocation, next) -> {
            String reason = invocation.context().metadata().get(REFUSE);
            if (reason != null) {
                return CompletableFuture.completedFuture(Outcome.error(FaultCode.PERMISSION_DENIED,
                        "refused by the admit phase: " + reason).withMetadata(REFUSED_BY, "admit"));
            }
            return next.proceed(invocation);
        });
    }

    /** Execute: sends a caller's {@link #ECHO} value back as response metadata. */
    public DispatchBehavior echoer() {
        return DispatchBehavior.of(Phase.EXECUTE, (invocation, next) -> {
            String value = invocation.context().metadata().get(ECHO);
            CompletionStage<Outcome> result = next.proceed(invocation);
            return value == null ? result : result.thenApply(o -> o.withMetadata(ECHOED, value));
        });
    }

    /** The host's client behavior: marks and records every callback the host's services make. */
    public ClientBehavior callbackMarker() {
        return (call, next) -> {
            callbacksSent.add(call.operation().name());
            call.metadata().put(CALLBACK_MARK, call.operation().name());
            return next.proceed(call);
        };
    }
}
