package io.wcf4j;

import java.util.Objects;

/**
 * A call failed for a reason that is not one of the contract's declared faults.
 *
 * <p>Thrown by client proxies on every binding, with the same {@link FaultCode} for the same failure.
 * A service implementation may throw it too, to refuse a call with a chosen code and a message that is
 * safe to show the caller (any other undeclared exception reaches the caller as {@link FaultCode#INTERNAL}
 * with no detail).
 *
 * @since 0.1
 */
public class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FaultCode code;

    public ServiceException(FaultCode code, String message) {
        this(code, message, null);
    }

    public ServiceException(FaultCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The framework error code. */
    public FaultCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "ServiceException[" + code + "]: " + getMessage();
    }
}
