package io.wcf4j.clients.wsdl;

import io.wcf4j.clients.wsdl.generated.Account;
import io.wcf4j.clients.wsdl.generated.InsufficientFundsException;
import io.wcf4j.clients.wsdl.generated.Ledger;
import io.wcf4j.clients.wsdl.generated.LedgerService;
import io.wcf4j.clients.wsdl.generated.StatementEntry;
import io.wcf4j.clients.wsdl.generated.TransferReceipt;
import io.wcf4j.clients.wsdl.generated.TransferRequest;
import jakarta.xml.ws.BindingProvider;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Calls the ledger through the client that wsdl2java generated from the published WSDL, with no wcf4j code:
 * {@code LEDGER_PASSWORD=teller-password java -cp ... io.wcf4j.clients.wsdl.LedgerWsdlClientExample
 * [http://localhost:8080/services/ledger [teller]]}. The ledger lets nobody in anonymously: the caller is a teller,
 * with HTTP Basic on the plain endpoint, or with a WS-Security UsernameToken on one in a message security mode
 * ({@link #connectWithUsernameToken}), or signing and encrypting each message with X.509 certificates
 * ({@link #connectWithCertificate}).
 */
public final class LedgerWsdlClientExample {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

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

    /**
     * A port that calls {@code address} with X.509 message security, for an endpoint in {@code message-credential:
     * certificate}: each request signed with the caller's key (Body and Timestamp, its certificate in the message) and
     * encrypted for the service's certificate; each reply checked against the CAs and decrypted. The caller's key is a
     * PKCS#12 file; the service's certificate and the CAs are PEM files.
     */
    public static Ledger connectWithCertificate(String address, Path pkcs12, char[] password, Path serviceCertificate,
                                                Path trustedCas) throws Exception {
        Ledger port = connect(address);
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            own.load(in, password);
        }
        String alias = Collections.list(own.aliases()).stream().filter(a -> isKey(own, a)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(pkcs12 + " holds no private key"));
        KeyStore trusted = certificates(trustedCas, "ca-");
        KeyStore service = certificates(serviceCertificate, "service");
        Merlin ownCrypto = new Merlin();
        ownCrypto.setKeyStore(own);
        ownCrypto.setTrustStore(trusted);
        Merlin serviceCrypto = new Merlin();
        serviceCrypto.setKeyStore(service);
        CallbackHandler keyPassword = callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(new String(password));
                }
            }
        };
        String actions = ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE + " " + ConfigurationConstants.ENCRYPTION;
        Map<String, Object> out = new HashMap<>();
        out.put(ConfigurationConstants.ACTION, actions);
        out.put(ConfigurationConstants.SIGNATURE_USER, alias);
        out.put("own", ownCrypto);
        out.put(ConfigurationConstants.SIG_PROP_REF_ID, "own");
        out.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        out.put(ConfigurationConstants.SIGNATURE_PARTS, "{}{" + WSS4JConstants.WSU_NS + "}Timestamp;{}{" + SOAP11 + "}Body");
        out.put(ConfigurationConstants.SIG_ALGO, WSS4JConstants.RSA_SHA256);
        out.put(ConfigurationConstants.SIG_DIGEST_ALGO, WSS4JConstants.SHA256);
        out.put(ConfigurationConstants.ENCRYPTION_USER, "service");
        out.put("service", serviceCrypto);
        out.put(ConfigurationConstants.ENC_PROP_REF_ID, "service");
        out.put(ConfigurationConstants.ENC_KEY_ID, "IssuerSerial");
        out.put(ConfigurationConstants.ENC_SYM_ALGO, WSS4JConstants.AES_256_GCM);
        out.put(ConfigurationConstants.PW_CALLBACK_REF, keyPassword);
        Map<String, Object> in = new HashMap<>();
        in.put(ConfigurationConstants.ACTION, actions);
        in.put("own", ownCrypto);
        in.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "own");
        in.put(ConfigurationConstants.DEC_PROP_REF_ID, "own");
        in.put(ConfigurationConstants.PW_CALLBACK_REF, keyPassword);
        Client client = ClientProxy.getClient(port);
        client.getOutInterceptors().add(new WSS4JOutInterceptor(out));
        client.getInInterceptors().add(new WSS4JInInterceptor(in));
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
    private static KeyStore certificates(Path pem, String aliasPrefix) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry(i == 0 && !aliasPrefix.endsWith("-") ? aliasPrefix : aliasPrefix + i, c);
                i++;
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
