package io.wcf4j.sample.ledger;

import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** The callback contract of {@link LedgerNotifications}: what a subscriber implements to hear of balance changes. */
@WebService(name = "BalanceListener", targetNamespace = "http://wcf4j.io/samples/ledger")
public interface BalanceListener {

    /** One balance change of a subscribed account; an account's changes arrive in the order they happened. */
    @Oneway
    void balanceChanged(@WebParam(name = "change") BalanceChange change);
}
