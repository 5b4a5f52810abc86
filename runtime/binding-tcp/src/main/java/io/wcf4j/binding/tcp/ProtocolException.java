package io.wcf4j.binding.tcp;

import io.wcf4j.FaultCode;

/** The peer broke the wire format; the connection cannot go on. */
final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final FaultCode code;

    ProtocolException(FaultCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
