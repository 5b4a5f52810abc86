package io.wcf4j.observability;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The bounded names of call results that metrics, spans and the message log share. */
final class Outcomes {
    private static final ClassValue<String> CONTRACT_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            try {
                return ContractDescription.of(type).name();
            } catch (RuntimeException e) {
                return type.getSimpleName();
            }
        }
    };

    private Outcomes() {
    }

    /** What a failed outgoing call ended with: the declared fault's name, the error code, or INTERNAL. */
    static String ofClientFailure(ClientCall call, Throwable failure) {
        if (failure instanceof ServiceException se) {
            return se.code().name();
        }
        if (failure instanceof Exception e) {
            var declared = call.operation().faultFor(e);
            if (declared.isPresent()) {
                return declared.get().name();
            }
        }
        return FaultCode.INTERNAL.name();
    }

    /** The name of the contract an operation belongs to (its {@code @WebService} name). */
    static String contractName(OperationDescription operation) {
        return CONTRACT_NAMES.get(operation.method().getDeclaringClass());
    }

    /**
     * Runs {@code action} with the call's final outcome (null if the stage failed, which the Dispatcher's stages do
     * not): at once, on this thread, when the stage is already complete (a synchronous operation), else when it
     * completes. Returns the stage, for the behavior to return.
     */
    static CompletionStage<Outcome> whenDone(CompletionStage<Outcome> stage, Consumer<Outcome> action) {
        if (stage instanceof CompletableFuture<Outcome> f && f.isDone()) {
            action.accept(f.isCompletedExceptionally() ? null : f.join());
            return stage;
        }
        return stage.whenComplete((outcome, t) -> action.accept(outcome));
    }

    /** Whether an outcome is the service's failure (not the caller's and not a declared business fault). */
    static boolean isServerError(Outcome outcome) {
        return outcome.kind() == Outcome.Kind.ERROR && !outcome.errorCode().isCallerFault();
    }
}
