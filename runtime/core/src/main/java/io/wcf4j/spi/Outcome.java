package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.model.FaultDescription;
import java.util.Objects;

/**
 * The result of dispatching a call, ready for a binding to write in its wire's idiom: a value, a declared
 * fault (with its description, to write the typed detail), or a framework error (a {@link FaultCode} and a
 * message that is safe to show the caller). The Dispatcher never throws; it returns one of these.
 *
 * @since 0.1
 */
public final class Outcome {
    /** What kind of outcome this is. */
    public enum Kind { VALUE, FAULT, ERROR }

    private final Kind kind;
    private final Object value;
    private final Exception fault;
    private final FaultDescription faultDescription;
    private final FaultCode errorCode;
    private final String errorMessage;

    private Outcome(Kind kind, Object value, Exception fault, FaultDescription fd, FaultCode code, String message) {
        this.kind = kind;
        this.value = value;
        this.fault = fault;
        this.faultDescription = fd;
        this.errorCode = code;
        this.errorMessage = message;
    }

    public static Outcome value(Object value) {
        return new Outcome(Kind.VALUE, value, null, null, null, null);
    }

    public static Outcome fault(Exception fault, FaultDescription description) {
        return new Outcome(Kind.FAULT, null, Objects.requireNonNull(fault, "fault"),
                Objects.requireNonNull(description, "description"), null, null);
    }

    public static Outcome error(FaultCode code, String message) {
        return new Outcome(Kind.ERROR, null, null, null, Objects.requireNonNull(code, "code"), message);
    }

    public Kind kind() {
        return kind;
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

    @Override
    public String toString() {
        return switch (kind) {
            case VALUE -> "Outcome[value]";
            case FAULT -> "Outcome[fault " + faultDescription.name() + "]";
            case ERROR -> "Outcome[" + errorCode + ": " + errorMessage + "]";
        };
    }
}
