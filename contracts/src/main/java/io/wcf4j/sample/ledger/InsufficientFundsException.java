package io.wcf4j.sample.ledger;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/**
 * A fault saying that the account to be debited has less money than the transfer needs.
 *
 * <p>A declared fault of {@link Ledger}: it travels as itself on every binding, with {@link InsufficientFunds} as its
 * typed detail and HTTP status 409 on HTTP bindings.
 */
@WebFault(name = "InsufficientFunds", targetNamespace = "http://wcf4j.io/samples/ledger")
@FaultStatus(409)
public class InsufficientFundsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final InsufficientFunds faultInfo;

    public InsufficientFundsException(String message, InsufficientFunds faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The typed detail of the fault. */
    public InsufficientFunds getFaultInfo() {
        return faultInfo;
    }
}
