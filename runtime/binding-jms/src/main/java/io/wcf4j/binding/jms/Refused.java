package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;

/** A message refused before it reaches SOAP processing: not a SOAP/JMS request, or over the size limit. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final FaultCode code;

    Refused(FaultCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
