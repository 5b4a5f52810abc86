package io.wcf4j.spi;

import java.util.Objects;

/**
 * A message a binding refused before it became an {@link Invocation}, as reported to the Dispatcher so that
 * observe-phase behaviors see it.
 *
 * @param operationName the operation the message named, or null when unknown or unreadable
 * @param context       what the binding knew of the call: endpoint, the metadata it could read, the peer
 * @param outcome       the error the binding answered with
 * @since 0.1
 */
public record Refusal(String operationName, InvocationContext context, Outcome outcome) {
    public Refusal {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(outcome, "outcome");
    }
}
