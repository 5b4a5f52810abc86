package io.wcf4j.sample.ledger;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/**
 * A fault saying that an amount of money is not acceptable: missing, not positive, more precise than cents,
 * too large, or moving money from an account to itself.
 *
 * <p>A declared fault of {@link Ledger}: it travels as itself on every binding, with {@link InvalidAmount} as its
 * typed detail and HTTP status 400 on HTTP bindings.
 */
@WebFault(name = "InvalidAmount", targetNamespace = "http://wcf4j.io/samples/ledger")
@FaultStatus(400)
public class InvalidAmountException extends Exception {
    private static final long serialVersionUID = 1L;

    private final InvalidAmount faultInfo;

    public InvalidAmountException(String message, InvalidAmount faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The typed detail of the fault. */
    public InvalidAmount getFaultInfo() {
        return faultInfo;
    }
}
