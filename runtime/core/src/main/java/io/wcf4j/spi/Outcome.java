package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.model.FaultDescription;
import java.util.Objects;

/**
 * The result of dispatching a call, ready for a binding to write in its wire's idiom: a value, a declared
 * fault (with its description, to write the typed detail), or a framework error (a {@link FaultCode} and a
 * message that is safe to show the caller), plus the response metadata that behaviors attached (for example
 * {@code retry-after} on a refusal), which the binding writes in its wire's slots. The Dispatcher never throws;
 * it completes with one of these.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class Outcome {
    /** What kind of outcome this is. */
    public enum Kind { VALUE, FAULT, ERROR }

    private static final Outcome NO_VALUE = new Outcome(Kind.VALUE, null, null, null, null, null, CallMetadata.EMPTY);

    private final Kind kind;
    private final Object value;
    private final Exception fault;
    private final FaultDescription faultDescription;
    private final FaultCode errorCode;
    private final String errorMessage;
    private final CallMetadata metadata;

    private Outcome(Kind kind, Object value, Exception fault, FaultDescription fd, FaultCode code, String message,
                    CallMetadata metadata) {
        this.kind = kind;
        this.value = value;
        this.fault = fault;
        this.faultDescription = fd;
        this.errorCode = code;
        this.errorMessage = message;
        this.metadata = metadata;
    }

    public static Outcome value(Object value) {
        return value == null ? NO_VALUE : new Outcome(Kind.VALUE, value, null, null, null, null, CallMetadata.EMPTY);
    }

    public static Outcome fault(Exception fault, FaultDescription description) {
        return new Outcome(Kind.FAULT, null, Objects.requireNonNull(fault, "fault"),
                Objects.requireNonNull(description, "description"), null, null, CallMetadata.EMPTY);
    }

    public static Outcome error(FaultCode code, String message) {
        return new Outcome(Kind.ERROR, null, null, null, Objects.requireNonNull(code, "code"), message, CallMetadata.EMPTY);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the call succeeded. */
    public boolean isValue() {
        return kind == Kind.VALUE;
    }

    /** The result value (null for void operations). */
    public Object value() {
        return value;
    }

    /** The declared fault thrown by the implementation. */
    public Exception fault() {
        return fault;
    }

    public FaultDescription faultDescription() {
        return faultDescription;
    }

    public FaultCode errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /**
     * A short, bounded name of the result, for logs and metric tags: {@code OK}, the declared fault's name, or
     * the error code.
     */
    public String resultCode() {
        return switch (kind) {
            case VALUE -> "OK";
            case FAULT -> faultDescription.name();
            case ERROR -> errorCode.name();
        };
    }

    /** The response metadata the binding writes with this outcome. */
    public CallMetadata metadata() {
        return metadata;
    }

    /** This outcome with one more response metadata entry (replacing the key's values). */
    public Outcome withMetadata(String key, String value) {
        return withMetadata(metadata.toBuilder().put(key, value).build());
    }

    /** This outcome with other response metadata. */
    public Outcome withMetadata(CallMetadata responseMetadata) {
        return new Outcome(kind, value, fault, faultDescription, errorCode, errorMessage,
                Objects.requireNonNull(responseMetadata, "responseMetadata"));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALUE -> "Outcome[value]";
            case FAULT -> "Outcome[fault " + faultDescription.name() + "]";
            case ERROR -> "Outcome[" + errorCode + ": " + errorMessage + "]";
        };
    }
}
