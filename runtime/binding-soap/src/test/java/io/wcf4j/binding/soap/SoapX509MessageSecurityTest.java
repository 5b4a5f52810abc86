package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * X.509 message security on SOAP: requests signed by the caller's key (Body and Timestamp) and encrypted for the
 * service, replies signed by the service and encrypted for the caller. The signer's certificate is the principal;
 * an untrusted signer, a tampered message and a signature that covers something else (XML signature wrapping) are
 * refused with FailedAuthentication-class faults, and the host keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapX509MessageSecurityTest {
    private final DevelopmentPki pki = TestPki.trusted();
    private final DevelopmentPki stranger = TestPki.stranger();
    private final Recording service = new Recording();
    private ServiceHost host;
    private String address;
    private String signedAddress;

    /** The suite's service, remembering what it echoed. */
    static final class Recording extends ConformanceServiceImpl {
        final java.util.List<String> echoed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String echo(String text) {
            echoed.add(text);
            return super.echo(text);
        }
    }

    @BeforeAll
    void open() {
        Map<String, Object> server = new HashMap<>();
        server.put("security-mode", "message");
        server.put("message-credential", "certificate");
        server.put("message-certificate", TestPki.path(pki.serverCertificate()));
        server.put("message-private-key", TestPki.path(pki.serverKey()));
        server.put("message-trust", TestPki.path(pki.caCertificate()));
        host = ServiceHost.builder(ConformanceService.class).name("x509").implementation(service)
                .endpoint("x509", "http://127.0.0.1:0/services/x509", BindingConfig.of("soap-http", server))
                .endpoint("x509-signed", "http://127.0.0.1:0/services/x509-signed", BindingConfig.of("soap-http", signedOnly(server)))
                .dispatchBehavior(ConformanceSecurity.authentication())
                .build();
        host.open();
        address = host.endpoints().get(0).address().toString();
        signedAddress = host.endpoints().get(1).address().toString();
    }

    private static Map<String, Object> signedOnly(Map<String, Object> settings) {
        Map<String, Object> s = new HashMap<>(settings);
        s.put("message-protection", "sign");
        return s;
    }

    @AfterAll
    void close() {
        host.close();
    }

    private ChannelFactory<ConformanceService> client(DevelopmentPki from, String user) {
        return ChannelFactory.builder(ConformanceService.class).address(address)
                .binding(BindingConfig.of("soap-http", clientSettings(from, user))).build();
    }

    /**
     * A plain CXF client with the same message security as a wcf4j client's, whose envelope the test can change on the
     * wire after it was signed and encrypted, as an attacker could.
     */
    private ConformanceService tampering(UnaryOperator<String> change) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(ConformanceService.class);
        f.setAddress(address);
        ConformanceService proxy = (ConformanceService) f.create();
        Client client = ClientProxy.getClient(proxy);
        SoapSecurity.secureClient(client, BindingSettings.validate("test", SoapSecurity.httpSettings(),
                clientSettings(pki, ConformanceSecurity.USER)));
        rewrite(client, change);
        return proxy;
    }

    /** RSA-SHA1, what the published suite would sign with if nothing said otherwise, is refused. */
    @Test
    void anRsaSha1Signature_isRefused() {
        ConformanceService sha1 = tampering(UnaryOperator.identity());
        ClientProxy.getClient(sha1).getEndpoint().put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM,
                org.apache.wss4j.common.WSS4JConstants.RSA_SHA1);
        assertThat(catchThrowable(sha1::whoAmI)).hasMessageContaining("authentication failed");
    }

    private Map<String, Object> clientSettings(DevelopmentPki from, String user) {
        Map<String, Object> s = new HashMap<>();
        s.put("security-mode", "message");
        s.put("message-credential", "certificate");
        s.put("message-certificate", TestPki.path(from.clientCertificate(user)));
        s.put("message-private-key", TestPki.path(from.clientKey(user)));
        s.put("message-trust", TestPki.path(pki.caCertificate()));
        s.put("message-peer-certificate", TestPki.path(pki.serverCertificate()));
        return s;
    }

    private static FaultCode refusedWith(Runnable call) {
        ServiceException e = catchThrowableOfType(ServiceException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e.code();
    }

    @Test
    void theSignersCertificateIsThePrincipal_withItsRoles_andTheBodyTravelsEncrypted() throws Exception {
        AtomicReference<String> wire = new AtomicReference<>();
        ConformanceService seen = tampering(body -> {
            wire.set(body);
            return body;
        });
        assertThat(seen.echo("a secret text")).isEqualTo("a secret text");
        assertThat(wire.get()).contains("BinarySecurityToken", "ds:Signature", "xenc:EncryptedData", "xmldsig-more#rsa-sha256")
                .doesNotContain("a secret text");
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.ADMIN_USER)) {
            ConformanceService c = f.createChannel();
            assertThat(c.echo("a secret text")).isEqualTo("a secret text");
            assertThat(c.whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
            assertThat(c.adminEcho("signed")).isEqualTo("signed");
        }
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.USER)) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.USER);
            assertThat(refusedWith(() -> f.createChannel().adminEcho("x"))).isEqualTo(FaultCode.PERMISSION_DENIED);
        }
    }

    @Test
    void signOnly_isServedWhereBothEndsAgree_andRefusedWhereEncryptionIsRequired() {
        Map<String, Object> signing = signedOnly(clientSettings(pki, ConformanceSecurity.USER));
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class).address(signedAddress)
                .binding(BindingConfig.of("soap-http", signing)).build()) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.USER);
        }
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class).address(address)
                .binding(BindingConfig.of("soap-http", signing)).build()) {
            assertThat(refusedWith(() -> f.createChannel().whoAmI())).isEqualTo(FaultCode.UNAUTHENTICATED);
        }
    }

    @Test
    void anExpiredSignerCertificate_isRefused() {
        java.nio.file.Path[] expired = TestPki.expiredClient(ConformanceSecurity.USER);
        Map<String, Object> s = clientSettings(pki, ConformanceSecurity.USER);
        s.put("message-certificate", TestPki.path(expired[0]));
        s.put("message-private-key", TestPki.path(expired[1]));
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class).address(address)
                .binding(BindingConfig.of("soap-http", s)).build()) {
            assertThat(refusedWith(() -> f.createChannel().whoAmI())).isEqualTo(FaultCode.UNAUTHENTICATED);
        }
    }

    @Test
    void aSignerFromAnUntrustedCa_isRefused() {
        try (ChannelFactory<ConformanceService> f = client(stranger, ConformanceSecurity.ADMIN_USER)) {
            assertThat(refusedWith(() -> f.createChannel().whoAmI())).isEqualTo(FaultCode.UNAUTHENTICATED);
        }
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.USER)) {
            assertThat(f.createChannel().whoAmI()).as("still serving").isEqualTo(ConformanceSecurity.USER);
        }
    }

    /**
     * A request as the client signs and encrypts it, captured on its way out (and kept from the service), for a test
     * to send as it is or changed.
     */
    private String signedRequest(String text) {
        AtomicReference<String> captured = new AtomicReference<>();
        ConformanceService c = tampering(body -> {
            captured.set(body);
            return "not a message";
        });
        catchThrowable(() -> c.echo(text));
        assertThat(captured.get()).contains("ds:Signature", "xenc:EncryptedData");
        return captured.get();
    }

    private HttpResponse<String> post(String envelope) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "text/xml; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("FailedAuthentication").contains("authentication failed");
    }

    @Test
    void theSameSignedRequest_isServedAsItWasSent_butRefusedAsAReplay() throws Exception {
        String signed = signedRequest("control");
        HttpResponse<String> first = post(signed);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("ds:Signature").doesNotContain("control");   // the reply is signed and encrypted
        assertThat(service.echoed).contains("control");
        assertRefused(post(signed));
    }

    @Test
    void aTamperedMessage_isRefused() throws Exception {
        String signed = signedRequest("tampered");
        // one character of the encrypted Body changed after signing and encryption
        int at = signed.indexOf("CipherValue>", signed.indexOf("Body")) + "CipherValue>".length() + 10;
        String changed = signed.substring(0, at) + (signed.charAt(at) == 'A' ? 'B' : 'A') + signed.substring(at + 1);
        assertRefused(post(changed));
        assertThat(service.echoed).doesNotContain("tampered");
    }

    @Test
    void signatureWrapping_theSignedBodyMovedAndAnotherBodyInItsPlace_isRefused() throws Exception {
        String signed = signedRequest("genuine");
        int start = signed.indexOf("<soap:Body");
        int end = signed.indexOf("</soap:Body>") + "</soap:Body>".length();
        String forged = "<soap:Body><ns2:echo xmlns:ns2=\"urn:wcf4j:conformance\"><text>forged</text></ns2:echo></soap:Body>";
        String moved = signed.substring(0, start) + forged + signed.substring(end);
        int header = moved.indexOf("</soap:Header>");
        // the signed (and encrypted) Body kept, with its wsu:Id, in a header element of the attacker's: CXF's reader
        // takes the first Body it meets as the message's, so it is refused, or what runs is what was signed
        HttpResponse<String> wrapped = post(moved.substring(0, header) + "<Wrapper xmlns=\"urn:attacker\">"
                + signed.substring(start, end) + "</Wrapper>" + moved.substring(header));
        if (wrapped.statusCode() == 200) {
            assertThat(service.echoed).as("the signed Body ran").contains("genuine");
        } else {
            assertRefused(wrapped);
        }
        // a second Body after the signed one
        assertRefused(post(signed.substring(0, end) + forged + signed.substring(end)));
        // the signed Body's content in an unsigned Body (the signed one gone): nothing covers the Body
        String unsignedBody = signed.substring(0, start) + forged + signed.substring(end);
        assertRefused(post(unsignedBody));
        assertThat(service.echoed).as("the forged Body never ran").doesNotContain("forged");
    }

    @Test
    void anUnsignedRequest_isRefused() throws Exception {
        assertRefused(post("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<ns2:echo xmlns:ns2=\"urn:wcf4j:conformance\"><text>unsigned</text></ns2:echo></soap:Body></soap:Envelope>"));
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.USER)) {
            assertThat(f.createChannel().echo("after")).isEqualTo("after");
        }
    }

    /**
     * Rewrites each request's envelope as it leaves the client, after WS-Security has signed and encrypted it: what an
     * attacker on the wire could do.
     */
    private static void rewrite(Client client, UnaryOperator<String> change) {
        client.getOutInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) throws Fault {
                OutputStream original = message.getContent(OutputStream.class);
                // the envelope is buffered and goes out, changed, when the transport closes the stream
                message.setContent(OutputStream.class, new ByteArrayOutputStream() {
                    private boolean closed;

                    @Override
                    public void close() throws IOException {
                        if (!closed) {
                            closed = true;
                            original.write(change.apply(toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                            original.close();
                        }
                    }
                });
            }
        });
    }
}
