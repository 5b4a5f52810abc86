package io.wcf4j.sample.ledger;

import io.wcf4j.annotation.CallbackContract;
import jakarta.annotation.security.RolesAllowed;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/**
 * Balance-change notifications of the ledger: a duplex contract, served on {@code net-tcp} and
 * {@code net-pipe}. A subscriber's {@link BalanceListener} hears every change of the accounts it subscribed
 * to, in order, until it unsubscribes or disconnects. Tellers and auditors may watch any account, a customer only
 * its own.
 */
@RolesAllowed({Ledger.TELLER, Ledger.CUSTOMER, Ledger.AUDITOR})
@WebService(name = "LedgerNotifications", targetNamespace = "http://wcf4j.io/samples/ledger")
@CallbackContract(BalanceListener.class)
public interface LedgerNotifications {

    /**
     * Subscribes the caller's callback to an account's balance changes.
     *
     * @throws AccountNotFoundException when the account does not exist
     */
    void subscribe(@WebParam(name = "accountId") long accountId) throws AccountNotFoundException;

    /** Stops the caller's notifications for an account; nothing happens if it was not subscribed. */
    void unsubscribe(@WebParam(name = "accountId") long accountId);
}
