package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sample as shipped (config/wcf4j.yml, the packaged jar): on first start it makes its development PKI, serves
 * TLS endpoints beside the loopback-only plain ones, and authenticates the demo users by password, by JWT minted
 * with the development key, and by client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredSampleIT {
    private ConsoleProcess host;
    private Path data;
    private int httpsPort;
    private int tlsPort;
    private int httpPort;
    private DevelopmentPki pki;
    private HttpClient https;

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory("wcf4j-secured");
        httpsPort = ConsoleHostFixture.freePort();
        tlsPort = ConsoleHostFixture.freePort();
        httpPort = ConsoleHostFixture.freePort();
        host = ConsoleProcess.start(data, httpPort, ConsoleHostFixture.freePort(), ConsoleHostFixture.freePort(),
                "--wcf4j.https-port=" + httpsPort, "--wcf4j.tcp-tls-port=" + tlsPort);
        pki = DevelopmentPki.in(data.resolve("pki"));
        https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.trusting(pki)).build();
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.process().destroy();
        }
    }

    private HttpResponse<String> totals(Map<String, String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api/ledger/totals"))
                .timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(r::header);
        return https.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String token(String subject, Instant expires) throws Exception {
        return token(subject, "customer", expires);
    }

    private String token(String subject, String role, Instant expires) throws Exception {
        ECKey key = ECKey.parse(Files.readString(pki.jwtSigningKey()));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("wcf4j-development").audience("wcf4j-ledger").subject(subject)
                        .claim("roles", List.of(role)).expirationTime(Date.from(expires)).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void firstStart_madeTheDevelopmentPki_andSaidSo() {
        for (Path f : List.of(pki.caCertificate(), pki.serverCertificate(), pki.serverKey(), pki.clientCertificate("teller"),
                pki.clientCertificate("auditor"), pki.clientCertificate("alice"), pki.jwtSigningKey(), pki.jwtKeys())) {
            assertThat(f).exists();
        }
        assertThat(host.log()).contains("DEVELOPMENT PKI");
    }

    @Test
    void httpsAnswers_andAuthenticatesPasswordsAndTokens() throws Exception {
        HttpResponse<String> anonymous = totals(Map.of());
        assertThat(anonymous.statusCode()).as("the ledger lets nobody in anonymously").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic", "Bearer"));
        assertThat(totals(Map.of("Authorization", basic("teller", "teller-password"))).statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = totals(Map.of("Authorization", basic("teller", "guess")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("realm=\"ledger\"", "Bearer"));
        assertThat(totals(Map.of("Authorization", "Bearer " + token("audit-bot", "auditor", Instant.now().plusSeconds(300)))).statusCode())
                .as("the token's roles are the caller's").isEqualTo(200);
        HttpResponse<String> customer = totals(Map.of("Authorization", "Bearer " + token("alice", Instant.now().plusSeconds(300))));
        assertThat(customer.statusCode()).as("a customer may not read the totals").isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(totals(Map.of("Authorization", "Bearer " + token("alice", Instant.now().minusSeconds(600)))).statusCode())
                .as("expired").isEqualTo(401);
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer("wcf4j-development").audience("wcf4j-ledger")
                .subject("alice").expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();
        assertThat(totals(Map.of("Authorization", "Bearer " + unsigned)).statusCode()).as("alg none").isEqualTo(401);
    }

    @Test
    void netTcpOverTls_withADemoUsersClientCertificate() {
        Map<String, Object> tls = Map.of("security-mode", "transport", "tls-trust", pki.caCertificate().toString(),
                "tls-certificate", pki.clientCertificate("teller").toString(), "tls-private-key", pki.clientKey("teller").toString());
        try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address("net.tcp://localhost:" + tlsPort + "/ledger")
                .binding(BindingConfig.of("net-tcp", tls)).build()) {
            assertThat(f.createChannel().getTotals()).isNotNull();
        }
        try (ChannelFactory<Ledger> plain = ChannelFactory.create(Ledger.class, "net.tcp://localhost:" + tlsPort + "/ledger", "net-tcp")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> plain.createChannel().getTotals()))
                    .hasMessageContaining("requires TLS");
        }
    }

    @Test
    void soapWithAUsernameToken_insideTls() {
        try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address("https://localhost:" + httpsPort + "/services/ledger-wss")
                .binding(BindingConfig.of("soap-http", Map.of("security-mode", "transport-with-message-credential",
                        "tls-trust", pki.caCertificate().toString())))
                .behavior(io.wcf4j.ClientCredentials.userName("auditor", "auditor-password".toCharArray())).build()) {
            assertThat(f.createChannel().getTotals()).isNotNull();
        }
        try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address("https://localhost:" + httpsPort + "/services/ledger-wss")
                .binding(BindingConfig.of("soap-http", Map.of("security-mode", "transport-with-message-credential",
                        "message-credential", "username-digest", "tls-trust", pki.caCertificate().toString())))
                .behavior(io.wcf4j.ClientCredentials.userName("auditor", "wrong".toCharArray())).build()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(io.wcf4j.ServiceException.class,
                    () -> f.createChannel().getTotals()).code()).isEqualTo(io.wcf4j.FaultCode.UNAUTHENTICATED);
        }
    }

    @Test
    void soapWithX509MessageSecurity_theDemoUsersCertificateIsTheCaller() {
        for (String user : List.of("teller", "alice")) {
            Map<String, Object> x509 = new java.util.HashMap<>(Map.of("security-mode", "message", "message-credential", "certificate",
                    "message-certificate", pki.clientCertificate(user).toString(), "message-private-key", pki.clientKey(user).toString(),
                    "message-trust", pki.caCertificate().toString()));
            x509.put("message-peer-certificate", pki.serverCertificate().toString());
            try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address("http://127.0.0.1:" + httpPort + "/services/ledger-x509")
                    .binding(BindingConfig.of("soap-http", x509)).build()) {
                if (user.equals("teller")) {
                    assertThat(f.createChannel().getTotals()).isNotNull();
                } else {
                    // alice's certificate names a customer, who may not read the totals
                    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(io.wcf4j.ServiceException.class,
                            () -> f.createChannel().getTotals()).code()).isEqualTo(io.wcf4j.FaultCode.PERMISSION_DENIED);
                }
            }
        }
    }

    @Test
    void nodeSoap_withAUsernameTokenDigest_fromTheWsdl() throws Exception {
        Path dir = NodeProjects.soap();
        String wss = "https://localhost:" + httpsPort + "/services/ledger-wss";
        Map<String, String> env = Map.of("NODE_EXTRA_CA_CERTS", pki.caCertificate().toString());
        assertThat(NodeProjects.run(dir, env, "node", "wss-client.mjs", wss + "?wsdl", wss, "auditor", "auditor-password")).startsWith("OK ")
                .contains("accounts");
        assertThat(NodeProjects.run(dir, env, "node", "wss-client.mjs", wss + "?wsdl", wss, "auditor", "not-the-password"))
                .startsWith("FAULT").contains("FailedAuthentication").contains("UNAUTHENTICATED");
    }
}
