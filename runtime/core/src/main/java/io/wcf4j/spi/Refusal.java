package io.wcf4j.spi;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import java.util.Objects;

/**
 * A message a binding refused before it became an {@link Invocation}, as reported to the Dispatcher so that
 * observe-phase behaviors see it.
 *
 * @param operationName the operation the message named, or null when unknown or unreadable; a caller's text, so
 *                      never a metric tag or a log value without bounds
 * @param context       what the binding knew of the call: endpoint, the metadata it could read, the peer
 * @param outcome       the error the binding answered with
 * @param operation     the contract's operation of that name, or null when the contract has none; set by the
 *                      Dispatcher before observers see the refusal
 * @since 0.1
 */
public record Refusal(String operationName, InvocationContext context, Outcome outcome, OperationDescription operation) {
    public Refusal {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A refusal as a binding reports it: the operation is not looked up yet. */
    public Refusal(String operationName, InvocationContext context, Outcome outcome) {
        this(operationName, context, outcome, null);
    }

    /** This refusal with its operation looked up in {@code contract}. */
    public Refusal resolvedIn(ContractDescription contract) {
        if (operation != null || operationName == null) {
            return this;
        }
        return new Refusal(operationName, context, outcome, contract.operation(operationName).orElse(null));
    }
}
