package io.wcf4j.sample.ledger;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/**
 * A fault saying that an account does not exist.
 *
 * <p>A declared fault of {@link Ledger}: it travels as itself on every binding, with {@link AccountNotFound} as its
 * typed detail and HTTP status 404 on HTTP bindings.
 */
@WebFault(name = "AccountNotFound", targetNamespace = "http://wcf4j.io/samples/ledger")
@FaultStatus(404)
public class AccountNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    private final AccountNotFound faultInfo;

    public AccountNotFoundException(String message, AccountNotFound faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The typed detail of the fault. */
    public AccountNotFound getFaultInfo() {
        return faultInfo;
    }
}
