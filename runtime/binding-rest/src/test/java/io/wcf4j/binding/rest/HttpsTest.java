package io.wcf4j.binding.rest;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.ConfigException;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS on the embedded server: mutual TLS to a principal (seen by curl), and what is never served in plain text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsTest {
    private final DevelopmentPki pki = TestPki.trusted();
    private ServiceHost host;
    private URI address;

    private Map<String, Object> tls(String clientCertificate) {
        Map<String, Object> s = new HashMap<>();
        s.put("tls-certificate", TestPki.path(pki.serverCertificate()));
        s.put("tls-private-key", TestPki.path(pki.serverKey()));
        s.put("tls-trust", TestPki.path(pki.caCertificate()));
        s.put("client-certificate", clientCertificate);
        return s;
    }

    private ServiceHost open(String address, Map<String, Object> settings) {
        ServiceHost h = ServiceHost.builder(ConformanceService.class).name("https").implementation(new ConformanceServiceImpl())
                .endpoint(null, address, BindingConfig.of("rest-json", settings))
                .dispatchBehavior(ConformanceSecurity.authentication()).build();
        h.open();
        return h;
    }

    @BeforeAll
    void start() {
        host = open("https://127.0.0.1:0/api/mtls", tls("optional"));
        address = host.endpoints().get(0).address();
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-X", "POST",
                "-H", "Content-Type: application/json", "--cacert", TestPki.path(pki.caCertificate())));
        command.addAll(List.of(args));
        command.add("https://localhost:" + address.getPort() + "/api/mtls/whoami");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void curlWithAClientCertificate_isThePrincipal() throws Exception {
        assertThat(curl("--cert", TestPki.path(pki.clientCertificate(ConformanceSecurity.ADMIN_USER)),
                "--key", TestPki.path(pki.clientKey(ConformanceSecurity.ADMIN_USER))))
                .isEqualTo("0 \"" + ConformanceSecurity.ADMIN_USER + "\"");
        assertThat(curl()).as("no certificate: anonymous, refused by @RolesAllowed").startsWith("0 {").contains("401");
        assertThat(curl("-u", ConformanceSecurity.USER + ":" + ConformanceSecurity.USER_PASSWORD))
                .as("Basic inside TLS").isEqualTo("0 \"" + ConformanceSecurity.USER + "\"");
    }

    @Test
    void aCertificateFromAnotherCa_isRefusedAtTheHandshake() throws Exception {
        DevelopmentPki stranger = TestPki.stranger();
        String result = curl("--cert", TestPki.path(stranger.clientCertificate(ConformanceSecurity.ADMIN_USER)),
                "--key", TestPki.path(stranger.clientKey(ConformanceSecurity.ADMIN_USER)));
        assertThat(result).doesNotStartWith("0 ");
    }

    @Test
    void plainHttpToTheTlsPort_isRefused() throws Exception {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/api/mtls/whoami"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(ConformanceSecurity.USER);
    }

    @Test
    void httpsWithoutTlsMaterial_orTransportOnPlainHttp_failsAtStart() {
        assertThatThrownBy(() -> open("https://127.0.0.1:0/api/bare", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls-certificate").hasMessageContaining("never served in plain text");
        assertThatThrownBy(() -> open("http://127.0.0.1:0/api/plain", Map.of("security-mode", "transport")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security-mode").hasMessageContaining("https://");
        assertThatThrownBy(() -> open("https://127.0.0.1:0/api/x", Map.of("security-mode", "message")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security-mode");
        assertThatThrownBy(() -> open("http://0.0.0.0:0/api/everyone", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plain text").hasMessageContaining("allow-insecure");
    }

    @Test
    void plainAndTlsEndpointsOnOnePort_failAtStart() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceHost h = ServiceHost.builder(ConformanceService.class).name("mixed").implementation(new ConformanceServiceImpl())
                .endpoint("tls", "https://127.0.0.1:" + port + "/api/a", BindingConfig.of("rest-json", tls("none")))
                .endpoint("plain", "http://127.0.0.1:" + port + "/api/b", BindingConfig.of("rest-json"))
                .build();
        assertThatThrownBy(h::open).isInstanceOf(ConfigException.class).hasMessageContaining("must agree on TLS");
    }
}
