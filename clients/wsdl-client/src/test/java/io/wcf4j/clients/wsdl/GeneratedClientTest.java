package io.wcf4j.clients.wsdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.clients.wsdl.generated.Account;
import io.wcf4j.clients.wsdl.generated.AccountNotFoundException;
import io.wcf4j.clients.wsdl.generated.InsufficientFundsException;
import io.wcf4j.clients.wsdl.generated.InvalidAmountException;
import io.wcf4j.clients.wsdl.generated.Ledger;
import io.wcf4j.clients.wsdl.generated.Statement;
import io.wcf4j.clients.wsdl.generated.TransferReceipt;
import io.wcf4j.clients.wsdl.generated.TransferRequest;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every ledger operation, faults included, through the client generated from the published WSDL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientTest {
    private LedgerHost host;
    private Ledger ledger;

    @BeforeAll
    void start() {
        host = new LedgerHost("wsdl-client");
        ledger = LedgerWsdlClientExample.connect(host.soap.toString(), LedgerHost.TELLER, LedgerHost.TELLER_PASSWORD);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private static TransferRequest request(long from, long to, String amount) {
        TransferRequest r = new TransferRequest();
        r.setRequestId(UUID.randomUUID().toString());
        r.setFromAccount(from);
        r.setToAccount(to);
        r.setAmount(new BigDecimal(amount));
        return r;
    }

    @Test
    void everyOperationThroughTheGeneratedClient() throws Exception {
        BigDecimal before = ledger.getTotals().getTotalBalance();
        Account a = ledger.openAccount("generated-a", new BigDecimal("100.00"));
        Account b = ledger.openAccount("generated-b", new BigDecimal("0.00"));
        assertThat(ledger.getAccount(a.getId()).getOwner()).isEqualTo("generated-a");

        TransferRequest req = request(a.getId(), b.getId(), "40.00");
        TransferReceipt r = ledger.transfer(req);
        assertThat(r.getFromBalance()).isEqualByComparingTo("60.00");
        assertThat(r.getTimestamp()).isNotBlank();
        assertThat(ledger.transfer(req).getTransferId()).as("idempotent by request id").isEqualTo(r.getTransferId());

        ledger.submitTransfer(request(a.getId(), b.getId(), "10.00"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ledger.getAccount(b.getId()).getBalance().compareTo(new BigDecimal("50.00")) != 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(ledger.getAccount(b.getId()).getBalance()).isEqualByComparingTo("50.00");

        Statement s = ledger.getStatement(a.getId(), 10);
        assertThat(s.getEntries()).extracting(e -> e.getAmount().toPlainString()).containsExactly("100.00", "-40.00", "-10.00");
        assertThat(ledger.getTotals().getTotalBalance()).isEqualByComparingTo(before.add(new BigDecimal("100.00")));
    }

    @Test
    void faultsArriveAsTheGeneratedFaultTypes() throws Exception {
        Account poor = ledger.openAccount("generated-poor", new BigDecimal("1.00"));
        Account other = ledger.openAccount("generated-other", new BigDecimal("1.00"));
        InsufficientFundsException insufficient = catchThrowableOfType(InsufficientFundsException.class,
                () -> ledger.transfer(request(poor.getId(), other.getId(), "5.00")));
        assertThat(insufficient.getFaultInfo().getAccountId()).isEqualTo(poor.getId());
        assertThat(insufficient.getFaultInfo().getRequested()).isEqualByComparingTo("5.00");
        AccountNotFoundException missing = catchThrowableOfType(AccountNotFoundException.class, () -> ledger.getAccount(424242L));
        assertThat(missing.getFaultInfo().getAccountId()).isEqualTo(424242L);
        assertThat(catchThrowableOfType(InvalidAmountException.class,
                () -> ledger.transfer(request(poor.getId(), other.getId(), "0.001")))).isNotNull();
    }

    @Test
    void withAUsernameTokenInTheMessage_andRefusedWithoutCredentials() throws Exception {
        Ledger wss = LedgerWsdlClientExample.connectWithUsernameToken(host.soapWss.toString(), LedgerHost.TELLER, LedgerHost.TELLER_PASSWORD);
        Account a = wss.openAccount("wss", new BigDecimal("3.00"));
        assertThat(wss.getAccount(a.getId()).getBalance()).isEqualByComparingTo("3.00");

        Ledger wrong = LedgerWsdlClientExample.connectWithUsernameToken(host.soapWss.toString(), LedgerHost.TELLER, "not-the-password");
        assertThat(catchThrowable(wrong::getTotals)).isInstanceOf(jakarta.xml.ws.soap.SOAPFaultException.class)
                .hasMessageContaining("authentication failed");
        Ledger anonymous = LedgerWsdlClientExample.connect(host.soap.toString());
        assertThat(catchThrowable(anonymous::getTotals)).isInstanceOf(jakarta.xml.ws.soap.SOAPFaultException.class);
    }

    /** What configured the two clients above: each secured endpoint publishes its policy; the plain one has none. */
    @Test
    void securedEndpointsPublishTheirSecurityPolicyInTheWsdl() throws Exception {
        assertThat(wsdl(host.soapWss)).contains("<sp:SupportingTokens>", "<sp:HashPassword/>");
        assertThat(wsdl(host.soapX509)).contains("<sp:AsymmetricBinding>", "<sp:Basic256Sha256/>", "<sp:IncludeTimestamp/>",
                "<sp:SignedParts><sp:Body/></sp:SignedParts>", "<sp:EncryptedParts><sp:Body/></sp:EncryptedParts>");
        assertThat(wsdl(host.soap)).doesNotContain("ws-securitypolicy");
    }

    private static String wsdl(java.net.URI endpoint) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(endpoint + "?wsdl")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void withX509MessageSecurity_signedAndEncrypted() throws Exception {
        io.wcf4j.security.DevelopmentPki pki = io.wcf4j.security.TestPki.trusted();
        Ledger x509 = LedgerWsdlClientExample.connectWithCertificate(host.soapX509.toString(),
                pki.clientPkcs12(LedgerHost.CERTIFICATE_USER), io.wcf4j.security.DevelopmentPki.PKCS12_PASSWORD.toCharArray(),
                pki.serverCertificate(), pki.caCertificate());
        Account a = x509.openAccount("x509", new BigDecimal("4.00"));
        assertThat(x509.getAccount(a.getId()).getOwner()).isEqualTo("x509");

        io.wcf4j.security.DevelopmentPki stranger = io.wcf4j.security.TestPki.stranger();
        Ledger untrusted = LedgerWsdlClientExample.connectWithCertificate(host.soapX509.toString(),
                stranger.clientPkcs12(LedgerHost.CERTIFICATE_USER), io.wcf4j.security.DevelopmentPki.PKCS12_PASSWORD.toCharArray(),
                pki.serverCertificate(), pki.caCertificate());
        assertThat(catchThrowable(untrusted::getTotals)).isInstanceOf(jakarta.xml.ws.soap.SOAPFaultException.class)
                .hasMessageContaining("authentication failed");
    }
}
