package io.wcf4j.clients.wsdl;

import io.wcf4j.clients.wsdl.generated.Account;
import io.wcf4j.clients.wsdl.generated.InsufficientFundsException;
import io.wcf4j.clients.wsdl.generated.Ledger;
import io.wcf4j.clients.wsdl.generated.LedgerService;
import io.wcf4j.clients.wsdl.generated.StatementEntry;
import io.wcf4j.clients.wsdl.generated.TransferReceipt;
import io.wcf4j.clients.wsdl.generated.TransferRequest;
import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Calls the ledger through the client that wsdl2java generated from the published WSDL, with no wcf4j code:
 * {@code LEDGER_PASSWORD=teller-password java -cp ... io.wcf4j.clients.wsdl.LedgerWsdlClientExample
 * [http://localhost:8080/services/ledger [teller]]}. The ledger lets nobody in anonymously: the caller is a teller,
 * with HTTP Basic on the plain endpoint, or with a WS-Security UsernameToken on one in a message security mode
 * ({@link #connectWithUsernameToken}), or signing and encrypting each message with X.509 certificates
 * ({@link #connectWithCertificate}). For the last two the client is given only credentials: it reads the endpoint's
 * WSDL, and the WS-SecurityPolicy in it configures CXF.
 */
public final class LedgerWsdlClientExample {
    private static final String SERVICE = "service";

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
     * A port that calls an endpoint in a message security mode ({@code message} or {@code
     * transport-with-message-credential}) as {@code user}, with a WS-Security UsernameToken in every message. Nothing
     * but the credential is configured here: the port reads the endpoint's own WSDL, whose WS-SecurityPolicy tells
     * CXF what to send (PasswordDigest or PasswordText with a Nonce and Created time, a Timestamp inside TLS).
     */
    public static Ledger connectWithUsernameToken(String address, String user, String password) throws IOException {
        Ledger port = connectByPolicy(address);
        Map<String, Object> rc = ((BindingProvider) port).getRequestContext();
        rc.put(SecurityConstants.USERNAME, user);
        rc.put(SecurityConstants.CALLBACK_HANDLER, passwordCallback(password.toCharArray()));
        return port;
    }

    /**
     * A port that calls an endpoint in {@code message-credential: certificate} with X.509 message security. Keys are
     * given: the caller's own (a PKCS#12 file), the service's certificate and the CAs (PEM files), and the signature
     * algorithm RSA-SHA256, which no WS-SecurityPolicy suite can name; the endpoint's WSDL says the rest (sign the
     * Body and a Timestamp, the certificate in the message, encrypt the Body for the service, algorithm suite
     * Basic256Sha256), and CXF checks and decrypts the replies by it.
     */
    public static Ledger connectWithCertificate(String address, Path pkcs12, char[] password, Path serviceCertificate,
                                                Path trustedCas) throws Exception {
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            own.load(in, password);
        }
        String alias = Collections.list(own.aliases()).stream().filter(a -> isKey(own, a)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(pkcs12 + " holds no private key"));
        try (InputStream in = Files.newInputStream(serviceCertificate)) {
            own.setCertificateEntry(SERVICE, CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Merlin keys = new Merlin();
        keys.setKeyStore(own);
        keys.setTrustStore(certificates(trustedCas));
        Ledger port = connectByPolicy(address);
        Map<String, Object> rc = ((BindingProvider) port).getRequestContext();
        rc.put(SecurityConstants.SIGNATURE_CRYPTO, keys);
        rc.put(SecurityConstants.SIGNATURE_USERNAME, alias);
        rc.put(SecurityConstants.CALLBACK_HANDLER, passwordCallback(password.clone()));
        rc.put(SecurityConstants.ENCRYPT_CRYPTO, keys);
        rc.put(SecurityConstants.ENCRYPT_USERNAME, SERVICE);
        // the one thing a policy cannot say: WS-SecurityPolicy's suites sign with RSA-SHA1, which the service refuses
        rc.put(SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, WSS4JConstants.RSA_SHA256);
        return port;
    }

    /**
     * Gives WSS4J a password when it asks (a UsernameToken's, or the private key's). A callback rather than CXF's
     * {@code security.password} property: CXF logs a request context's properties at DEBUG, and a password with them.
     */
    private static CallbackHandler passwordCallback(char[] password) {
        return callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(new String(password));
                }
            }
        };
    }

    /** A port built from the endpoint's published WSDL (and so its policy), calling that endpoint. */
    private static Ledger connectByPolicy(String address) throws IOException {
        Ledger port = new LedgerService(URI.create(address + "?wsdl").toURL()).getLedgerPort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return port;
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            return false;
        }
    }

    /** A key store of the certificates in a PEM file. */
    private static KeyStore certificates(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
        }
        return ks;
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
