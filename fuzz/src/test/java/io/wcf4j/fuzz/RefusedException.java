package io.wcf4j.fuzz;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/** The declared fault of {@link Fuzzed#check}. */
@WebFault(name = "Refused", targetNamespace = "urn:wcf4j:fuzz")
@FaultStatus(409)
public class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Refusal faultInfo;

    public RefusedException(String message, Refusal faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public Refusal getFaultInfo() {
        return faultInfo;
    }
}
