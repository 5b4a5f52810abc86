package io.wcf4j;

/**
 * The closed set of framework error codes, the same on every binding.
 *
 * <p>A contract's own declared faults ({@code @WebFault} exceptions) travel as themselves; everything else
 * that can go wrong in a call is one of these codes. Each binding maps a code to its wire idiom in one
 * place (a SOAP fault code, an HTTP status with {@code application/problem+json}, an error frame).
 *
 * @since 0.1
 */
public enum FaultCode {
    /** The message could not be read: malformed XML or JSON, a wrong type, a missing required value. */
    INVALID_ARGUMENT(400, "Invalid argument", true),
    /** The caller is not authenticated. */
    UNAUTHENTICATED(401, "Unauthenticated", true),
    /** The caller is authenticated but not allowed to call the operation. */
    PERMISSION_DENIED(403, "Permission denied", true),
    /** The message names an operation the contract does not have. */
    UNKNOWN_OPERATION(404, "Unknown operation", true),
    /** The message is larger than the binding's configured limit. */
    MESSAGE_TOO_LARGE(413, "Message too large", true),
    /**
     * The service is at its throttling limit; the call may be retried later. HTTP 503 with {@code Retry-After}, as
     * for a server that is overloaded for a while (429 is for a client that sends too much: a rate limit).
     */
    RESOURCE_EXHAUSTED(503, "Server busy", false),
    /** The service failed in a way its contract does not declare; no detail is disclosed. */
    INTERNAL(500, "Internal error", false),
    /** The service is not reachable, or is shutting down; the call was not executed. */
    UNAVAILABLE(503, "Unavailable", false),
    /** The call's deadline passed before a reply arrived. */
    DEADLINE_EXCEEDED(504, "Deadline exceeded", false),
    /**
     * The caller cancelled the call (it stopped waiting before its deadline, e.g. a gRPC cancel); a call not yet
     * running is not run, a running one sees {@link OperationContext#isCancelled()}. Its caller, who left, rarely
     * sees this code: it is what metrics and logs record. 499 as in nginx's "client closed request".
     */
    CANCELLED(499, "Cancelled", true);

    private final int httpStatus;
    private final String title;
    private final boolean callerFault;

    FaultCode(int httpStatus, String title, boolean callerFault) {
        this.httpStatus = httpStatus;
        this.title = title;
        this.callerFault = callerFault;
    }

    /** The HTTP status that HTTP bindings answer with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A short human-readable title, e.g. for a problem document. */
    public String title() {
        return title;
    }

    /** Whether the caller's message is at fault (SOAP {@code Client}/{@code Sender}) rather than the service. */
    public boolean isCallerFault() {
        return callerFault;
    }

    /** The code for an HTTP status, or {@link #INTERNAL} when none matches. */
    public static FaultCode fromHttpStatus(int status) {
        if (status == 429) {
            return RESOURCE_EXHAUSTED;   // another server's rate limit
        }
        for (FaultCode c : values()) {
            // a bare 503 says unavailable; a wcf4j server's busy 503 names RESOURCE_EXHAUSTED in its body
            if (c.httpStatus == status && c != RESOURCE_EXHAUSTED) {
                return c;
            }
        }
        if (status == 408) {
            return DEADLINE_EXCEEDED;
        }
        if (status == 502) {
            return UNAVAILABLE;
        }
        return status >= 400 && status < 500 ? INVALID_ARGUMENT : INTERNAL;
    }
}
