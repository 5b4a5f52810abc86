package io.wcf4j.bench;

import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.AccountNotFoundException;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.InvalidAmountException;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.Statement;
import io.wcf4j.sample.ledger.Totals;
import io.wcf4j.sample.ledger.TransferReceipt;
import io.wcf4j.sample.ledger.TransferRequest;
import jakarta.jws.WebService;
import java.math.BigDecimal;

/**
 * The ledger as a plain JAX-WS endpoint (CXF), with no wcf4j in the path:
 * the same implementation and database work as the console host, so that the difference is the framework.
 */
@WebService(endpointInterface = "io.wcf4j.sample.ledger.Ledger", serviceName = "LedgerService",
        targetNamespace = "http://wcf4j.io/samples/ledger")
public class PlainLedgerResource implements Ledger {
    private final Ledger delegate;

    public PlainLedgerResource(Ledger delegate) {
        this.delegate = delegate;
    }

    @Override
    public Account openAccount(String owner, BigDecimal initialDeposit) throws InvalidAmountException {
        return delegate.openAccount(owner, initialDeposit);
    }

    @Override
    public Account getAccount(long accountId) throws AccountNotFoundException {
        return delegate.getAccount(accountId);
    }

    @Override
    public TransferReceipt transfer(TransferRequest request)
            throws AccountNotFoundException, InsufficientFundsException, InvalidAmountException {
        return delegate.transfer(request);
    }

    @Override
    public void submitTransfer(TransferRequest request) {
        delegate.submitTransfer(request);
    }

    @Override
    public Statement getStatement(long accountId, int limit) throws AccountNotFoundException {
        return delegate.getStatement(accountId, limit);
    }

    @Override
    public Totals getTotals() {
        return delegate.getTotals();
    }
}
