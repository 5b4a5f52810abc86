package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import io.wcf4j.spi.ClientBehavior;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.apache.wss4j.dom.message.WSSecUsernameToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * WS-Security UsernameToken on SOAP: message mode (PasswordDigest over plain HTTP) and
 * transport-with-message-credential (PasswordText inside TLS), through proxies and through hand-made hostile
 * envelopes (built with WSS4J), each refused as WS-Security says, the host alive afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapMessageSecurityTest {
    private final DevelopmentPki pki = TestPki.trusted();
    private ServiceHost host;
    private String messageAddress;
    private String tlsAddress;

    @BeforeAll
    void open() {
        Map<String, Object> tls = new HashMap<>();
        tls.put("security-mode", "transport-with-message-credential");
        tls.put("tls-certificate", TestPki.path(pki.serverCertificate()));
        tls.put("tls-private-key", TestPki.path(pki.serverKey()));
        host = ServiceHost.builder(ConformanceService.class).name("wss").implementation(new ConformanceServiceImpl())
                .endpoint("message", "http://127.0.0.1:0/services/wss", BindingConfig.of("soap-http", Map.of("security-mode", "message")))
                .endpoint("tls", "https://127.0.0.1:0/services/wss-tls", BindingConfig.of("soap-http", tls))
                .dispatchBehavior(ConformanceSecurity.authentication())
                .build();
        host.open();
        messageAddress = host.endpoints().get(0).address().toString();
        tlsAddress = host.endpoints().get(1).address().toString();
    }

    @AfterAll
    void close() {
        host.close();
    }

    private ChannelFactory<ConformanceService> digestClient(ClientBehavior... behaviors) {
        ChannelFactory.Builder<ConformanceService> b = ChannelFactory.builder(ConformanceService.class).address(messageAddress)
                .binding(BindingConfig.of("soap-http", Map.of("security-mode", "message", "message-credential", "username-digest")));
        for (ClientBehavior behavior : behaviors) {
            b.behavior(behavior);
        }
        return b.build();
    }

    private static FaultCode refusedWith(Runnable call) {
        ServiceException e = catchThrowableOfType(ServiceException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e.code();
    }

    @Test
    void passwordDigest_overPlainHttp_isThePrincipal_withItsRoles() {
        try (ChannelFactory<ConformanceService> f = digestClient(ConformanceSecurity.root())) {
            ConformanceService c = f.createChannel();
            assertThat(c.whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
            assertThat(c.adminEcho("signed in")).isEqualTo("signed in");
            assertThat(c.callInfo(null).getVerifiedPrincipal()).as("WSS4J verified it").isEqualTo(ConformanceSecurity.ADMIN_USER);
        }
        try (ChannelFactory<ConformanceService> f = digestClient(ConformanceSecurity.alice())) {
            assertThat(refusedWith(() -> f.createChannel().adminEcho("x"))).isEqualTo(FaultCode.PERMISSION_DENIED);
        }
    }

    @Test
    void passwordText_insideTls_isThePrincipal() {
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class).address(tlsAddress)
                .binding(BindingConfig.of("soap-http", Map.of("security-mode", "transport-with-message-credential",
                        "tls-trust", TestPki.path(pki.caCertificate()))))
                .behavior(ConformanceSecurity.alice()).build()) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.USER);
        }
    }

    @Test
    void wrongPasswordOrUnknownUser_isUnauthenticated() {
        for (ClientBehavior wrong : List.of(ClientCredentials.userName(ConformanceSecurity.USER, "nope".toCharArray()),
                ClientCredentials.userName("nobody", ConformanceSecurity.USER_PASSWORD.toCharArray()))) {
            try (ChannelFactory<ConformanceService> f = digestClient(wrong)) {
                ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
                assertThat(e.code()).isEqualTo(FaultCode.UNAUTHENTICATED);
                assertThat(e.getMessage()).doesNotContain("nobody", ConformanceSecurity.USER_PASSWORD, "nope");
            }
        }
    }

    @Test
    void aClientWithoutCredentials_refusesToSend() {
        try (ChannelFactory<ConformanceService> f = digestClient()) {
            assertThat(refusedWith(() -> f.createChannel().echo("x"))).isEqualTo(FaultCode.UNAUTHENTICATED);
        }
    }

    @Test
    void concurrentCallersOnOneChannel_eachSendTheirOwnToken() throws Exception {
        ThreadLocal<ClientBehavior> who = new ThreadLocal<>();
        try (ChannelFactory<ConformanceService> f = digestClient((call, next) -> who.get().invoke(call, next))) {
            ConformanceService shared = f.createChannel();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    boolean root = t % 2 == 0;
                    results.add(pool.submit(() -> {
                        who.set(root ? ConformanceSecurity.root() : ConformanceSecurity.alice());
                        List<String> seen = new ArrayList<>();
                        for (int i = 0; i < 15; i++) {
                            seen.add(shared.whoAmI());
                        }
                        return seen;
                    }));
                }
                for (int t = 0; t < 4; t++) {
                    assertThat(results.get(t).get(60, TimeUnit.SECONDS))
                            .containsOnly(t % 2 == 0 ? ConformanceSecurity.ADMIN_USER : ConformanceSecurity.USER);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // --- hand-made envelopes -------------------------------------------------------------------------------------

    private static final String WHO_AM_I = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Header/><soap:Body><c:whoAmI xmlns:c=\"urn:wcf4j:conformance\"/></soap:Body></soap:Envelope>";

    /** A whoAmI envelope with a security header made by WSS4J, changed by {@code extra} before it is written. */
    private static String envelope(String user, String password, String type, Instant created, boolean nonce,
                                   boolean timestamp, Consumer<WSSecHeader> extra) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(WHO_AM_I)));
        WSSecHeader header = new WSSecHeader(doc);
        header.insertSecurityHeader();
        if (user != null) {
            WSSecUsernameToken ut = new WSSecUsernameToken(header);
            ut.setPasswordType(type);
            ut.setUserInfo(user, password);
            if (nonce) {
                ut.addNonce();
            }
            ut.addCreated();
            ut.setWsTimeSource(() -> created);
            ut.build();
        }
        if (timestamp) {
            WSSecTimestamp ts = new WSSecTimestamp(header);
            ts.setWsTimeSource(() -> created);
            ts.build();
        }
        extra.accept(header);
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private static String digest(Instant created) throws Exception {
        return envelope(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD, WSS4JConstants.PASSWORD_DIGEST, created,
                true, true, h -> { });
    }

    private HttpResponse<String> post(String envelope) throws Exception {
        return post(HttpClient.newHttpClient(), messageAddress, envelope);
    }

    private static HttpResponse<String> post(HttpClient client, String address, String envelope) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(String what, String envelope) throws Exception {
        assertRefused(what, post(envelope));
    }

    private static void assertRefused(String what, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(what).isEqualTo(500);
        assertThat(r.body()).as(what).contains("wsse:").contains("UNAUTHENTICATED").doesNotContain(ConformanceSecurity.USER_PASSWORD);
    }

    @Test
    void aValidHandMadeEnvelope_isAccepted_andItsReplayRefused() throws Exception {
        String once = digest(Instant.now());
        HttpResponse<String> first = post(once);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(ConformanceSecurity.USER);
        assertRefused("replayed nonce", once);
    }

    @Test
    void staleFutureIncompleteOrUnsignedInEnvelopes_areRefused() throws Exception {
        assertRefused("no security header", WHO_AM_I);
        assertRefused("created 10 minutes ago", digest(Instant.now().minusSeconds(600)));
        assertRefused("created 10 minutes ahead", digest(Instant.now().plusSeconds(600)));
        assertRefused("no nonce", envelope(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD,
                WSS4JConstants.PASSWORD_TEXT, Instant.now(), false, true, h -> { }));
        assertRefused("wrong digest", envelope(ConformanceSecurity.USER, "guess", WSS4JConstants.PASSWORD_DIGEST,
                Instant.now(), true, true, h -> { }));
        assertRefused("garbage base64 nonce", digest(Instant.now()).replaceFirst(">[A-Za-z0-9+/=]{20,}</wsse:Nonce>", ">!!!not base64!!!</wsse:Nonce>"));
    }

    /**
     * Where nothing signs the message (message mode), a Timestamp would add nothing to the token's Created time, which
     * is the freshness checked, so the policy requires none; inside TLS the policy's transport binding requires one.
     */
    @Test
    void aTimestamp_isRequiredInsideTls_notWithAnUnsignedToken() throws Exception {
        String withoutTimestamp = envelope(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD,
                WSS4JConstants.PASSWORD_DIGEST, Instant.now(), true, false, h -> { });
        assertThat(post(withoutTimestamp).statusCode()).isEqualTo(200);
        HttpClient tls = HttpClient.newBuilder().sslContext(TestPki.trusting(pki)).build();
        assertRefused("no timestamp inside TLS", post(tls, tlsAddress, envelope(ConformanceSecurity.USER,
                ConformanceSecurity.USER_PASSWORD, WSS4JConstants.PASSWORD_TEXT, Instant.now(), true, false, h -> { })));
        assertThat(post(tls, tlsAddress, envelope(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD,
                WSS4JConstants.PASSWORD_TEXT, Instant.now(), true, true, h -> { })).statusCode()).as("with one").isEqualTo(200);
        assertThat(post(tls, tlsAddress, envelope(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD,
                WSS4JConstants.PASSWORD_DIGEST, Instant.now(), true, true, h -> { })).statusCode()).as("a digest").isEqualTo(200);
    }

    @Test
    void eachEndpointPublishesThePolicyItEnforces() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(TestPki.trusting(pki)).build();
        String plainText = get(HttpClient.newHttpClient(), messageAddress + "?wsdl");
        // PasswordText (this endpoint's message-credential) and PasswordDigest are both taken, the configured one first
        assertThat(plainText).contains("<sp:SupportingTokens>", "<sp13:Created/><sp13:Nonce/>", "<sp:HashPassword/>");
        assertThat(plainText.indexOf("<sp13:Created/>")).isLessThan(plainText.indexOf("<sp:HashPassword/>"));
        assertThat(get(tls, tlsAddress + "?wsdl")).contains("<sp:TransportBinding>", "<sp:HttpsToken>", "<sp:IncludeTimestamp/>",
                "<sp:SignedSupportingTokens>", "<sp:UsernameToken ");
    }

    private static String get(HttpClient client, String address) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void oversizedOrDeepSecurityHeaders_areRefusedUnread() throws Exception {
        String thousand = envelope(null, null, null, Instant.now(), false, true, h -> {
            for (int i = 0; i < 1000; i++) {
                WSSecUsernameToken ut = new WSSecUsernameToken(h);
                ut.setPasswordType(WSS4JConstants.PASSWORD_TEXT);
                ut.setUserInfo("u" + i, "p");
                ut.addNonce();
                ut.addCreated();
                ut.build();
            }
        });
        long start = System.nanoTime();
        assertRefused("1000 tokens", thousand);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("refused without checking them").isLessThan(5);
        String deep = digest(Instant.now()).replace("</wsse:Security>",
                "<x:a xmlns:x=\"urn:x\">".repeat(20) + "</x:a>".repeat(20) + "</wsse:Security>");
        assertRefused("deeply nested", deep);
        // the endpoint is still there
        assertThat(post(digest(Instant.now())).statusCode()).isEqualTo(200);
    }
}
