package io.wcf4j.conformance;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/** The declared fault of the conformance contract. */
@WebFault(name = "ConformanceFault", targetNamespace = "urn:wcf4j:conformance")
@FaultStatus(409)
public class ConformanceFaultException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ConformanceFaultInfo faultInfo;

    public ConformanceFaultException(String message, ConformanceFaultInfo faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public ConformanceFaultInfo getFaultInfo() {
        return faultInfo;
    }
}
