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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Calls the ledger through the client that wsdl2java generated from the published WSDL, with no wcf4j code:
 * {@code LEDGER_PASSWORD=teller-password java -cp ... io.wcf4j.clients.wsdl.LedgerWsdlClientExample
 * [http://localhost:8080/services/ledger [teller]]}. The ledger lets nobody in anonymously: the caller is a teller,
 * with HTTP Basic on the plain endpoint, or with a WS-Security UsernameToken on one in a message security mode
 * ({@link #connectWithUsernameToken}).
 */
public final class LedgerWsdlClientExample {
    private LedgerWsdlClientExample() {
    }

    /** A port of the generated client that calls {@code address} anonymously. */
    public static Ledger connect(String address) {
        Ledger port = new LedgerService().getLedgerPort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return port;
    }

    /** A port that calls {@code address} as {@code user}, with HTTP Basic (JAX-WS's standard user name and password). */
    public static Ledger connect(String address, String user, String password) {
        Ledger port = connect(address);
        ((BindingProvider) port).getRequestContext().put(BindingProvider.USERNAME_PROPERTY, user);
        ((BindingProvider) port).getRequestContext().put(BindingProvider.PASSWORD_PROPERTY, password);
        return port;
    }

    /**
     * A port that calls {@code address} as {@code user} with a WS-Security UsernameToken in every message
     * (PasswordDigest, with Nonce, Created and a Timestamp), for an endpoint in security mode {@code message} or
     * {@code transport-with-message-credential}. CXF's WSS4J interceptor writes the header.
     */
    public static Ledger connectWithUsernameToken(String address, String user, String password) {
        Ledger port = connect(address);
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP);
        wss.put(ConfigurationConstants.USER, user);
        wss.put(ConfigurationConstants.PASSWORD_TYPE, WSS4JConstants.PW_DIGEST);
        wss.put(ConfigurationConstants.ADD_USERNAMETOKEN_NONCE, "true");
        wss.put(ConfigurationConstants.ADD_USERNAMETOKEN_CREATED, "true");
        wss.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(password);
                }
            }
        });
        ClientProxy.getClient(port).getOutInterceptors().add(new WSS4JOutInterceptor(wss));
        return port;
    }

    public static void main(String[] args) throws Exception {
        String password = System.getenv("LEDGER_PASSWORD");
        if (password == null) {
            System.err.println("set LEDGER_PASSWORD to the password of the user (development: teller-password)");
            System.exit(2);
        }
        Ledger ledger = connect(args.length > 0 ? args[0] : "http://localhost:8080/services/ledger",
                args.length > 1 ? args[1] : "teller", password);
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
