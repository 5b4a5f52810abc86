package io.wcf4j.clients.wsdl;

import io.wcf4j.clients.wsdl.generated.Account;
import io.wcf4j.clients.wsdl.generated.InsufficientFundsException;
import io.wcf4j.clients.wsdl.generated.Ledger;
import io.wcf4j.clients.wsdl.generated.LedgerService;
import io.wcf4j.clients.wsdl.generated.StatementEntry;
import io.wcf4j.clients.wsdl.generated.TransferReceipt;
import io.wcf4j.clients.wsdl.generated.TransferRequest;
import jakarta.xml.ws.BindingProvider;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Calls the ledger through the client that wsdl2java generated from the published WSDL, with no wcf4j code:
 * {@code java -cp ... io.wcf4j.clients.wsdl.LedgerWsdlClientExample [http://localhost:8080/services/ledger]}.
 */
public final class LedgerWsdlClientExample {
    private LedgerWsdlClientExample() {
    }

    /** A port of the generated client that calls {@code address}. */
    public static Ledger connect(String address) {
        Ledger port = new LedgerService().getLedgerPort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return port;
    }

    public static void main(String[] args) throws Exception {
        Ledger ledger = connect(args.length > 0 ? args[0] : "http://localhost:8080/services/ledger");
        Account alice = ledger.openAccount("alice", new BigDecimal("100.00"));
        Account bob = ledger.openAccount("bob", BigDecimal.ZERO);
        TransferRequest request = new TransferRequest();
        request.setRequestId(UUID.randomUUID().toString());
        request.setFromAccount(alice.getId());
        request.setToAccount(bob.getId());
        request.setAmount(new BigDecimal("25.50"));
        TransferReceipt receipt = ledger.transfer(request);
        System.out.printf("transfer %d: alice now has %s, bob %s%n", receipt.getTransferId(), receipt.getFromBalance(),
                receipt.getToBalance());
        for (StatementEntry e : ledger.getStatement(alice.getId(), 10).getEntries()) {
            System.out.printf("  %s %10s -> %s%n", e.getTimestamp(), e.getAmount(), e.getBalanceAfter());
        }
        request.setRequestId(UUID.randomUUID().toString());
        request.setAmount(new BigDecimal("1000.00"));
        try {
            ledger.transfer(request);
        } catch (InsufficientFundsException e) {
            System.out.printf("refused: %s (balance %s, requested %s)%n", e.getMessage(), e.getFaultInfo().getBalance(),
                    e.getFaultInfo().getRequested());
        }
    }
}
