package io.wcf4j.binding.tcp;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.ConfigException;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** net.tcp over TLS: mutual TLS to a principal, and every way a connection can fail to be trusted, each refused clearly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetTcpTlsTest {
    private final DevelopmentPki pki = TestPki.trusted();
    private final DevelopmentPki stranger = TestPki.stranger();
    private ServiceHost mutual;
    private ServiceHost serverOnly;
    private String mutualAddress;
    private String serverOnlyPort;

    private Map<String, Object> serverTls(String clientCertificate) {
        Map<String, Object> s = new HashMap<>();
        s.put("security-mode", "transport");
        s.put("tls-certificate", TestPki.path(pki.serverCertificate()));
        s.put("tls-private-key", TestPki.path(pki.serverKey()));
        s.put("tls-trust", TestPki.path(pki.caCertificate()));
        s.put("client-certificate", clientCertificate);
        return s;
    }

    private ServiceHost host(String address, Map<String, Object> settings) {
        ServiceHost h = ServiceHost.builder(ConformanceService.class).name("tls").implementation(new ConformanceServiceImpl())
                .endpoint(null, address, BindingConfig.of("net-tcp", settings))
                .dispatchBehavior(ConformanceSecurity.authentication()).build();
        h.open();
        return h;
    }

    @BeforeAll
    void open() {
        mutual = host("net.tcp://127.0.0.1:0/mutual", serverTls("required"));
        mutualAddress = mutual.endpoints().get(0).address().toString();
        serverOnly = host("net.tcp://0.0.0.0:0/server-only", serverTls("none"));
        serverOnlyPort = String.valueOf(serverOnly.endpoints().get(0).address().getPort());
    }

    @AfterAll
    void close() {
        mutual.close();
        serverOnly.close();
    }

    private static ChannelFactory<ConformanceService> client(String address, Map<String, Object> settings) {
        Map<String, Object> s = new HashMap<>(settings);
        s.put("security-mode", "transport");
        s.put("send-timeout", "10s");
        return ChannelFactory.builder(ConformanceService.class).address(address).binding(BindingConfig.of("net-tcp", s)).build();
    }

    private Map<String, Object> clientCertificate(DevelopmentPki from, String user) {
        return Map.of("tls-trust", TestPki.path(pki.caCertificate()),
                "tls-certificate", TestPki.path(from.clientCertificate(user)), "tls-private-key", TestPki.path(from.clientKey(user)));
    }

    private static ServiceException refused(ChannelFactory<ConformanceService> f) {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
        assertThat(e).as("the connection was refused").isNotNull();
        return e;
    }

    @Test
    void aClientCertificate_isThePrincipal_withItsRoles() {
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, clientCertificate(pki, ConformanceSecurity.ADMIN_USER))) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
            assertThat(f.createChannel().adminEcho("over mTLS")).isEqualTo("over mTLS");
        }
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, clientCertificate(pki, ConformanceSecurity.USER))) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.USER);
            assertThat(catchThrowableOfType(ServiceException.class, () -> f.createChannel().adminEcho("x")).code())
                    .isEqualTo(FaultCode.PERMISSION_DENIED);
        }
    }

    @Test
    void noClientCertificate_onAMutualEndpoint_isRefused() {
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, Map.of("tls-trust", TestPki.path(pki.caCertificate())))) {
            assertThat(refused(f).code()).isEqualTo(FaultCode.UNAVAILABLE);
        }
    }

    @Test
    void aCertificateFromAnotherCa_isRefused() {
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, clientCertificate(stranger, ConformanceSecurity.ADMIN_USER))) {
            assertThat(refused(f).code()).isEqualTo(FaultCode.UNAVAILABLE);
        }
        // the endpoint still serves the right certificate afterwards
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, clientCertificate(pki, ConformanceSecurity.USER))) {
            assertThat(f.createChannel().echo("still up")).isEqualTo("still up");
        }
    }

    @Test
    void anExpiredClientCertificate_isRefused() {
        Path[] expired = TestPki.expiredClient(ConformanceSecurity.USER);
        Map<String, Object> tls = new HashMap<>(Map.of("tls-trust", TestPki.path(pki.caCertificate()),
                "tls-certificate", TestPki.path(expired[0]), "tls-private-key", TestPki.path(expired[1])));
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, tls)) {
            assertThat(refused(f).code()).isEqualTo(FaultCode.UNAVAILABLE);
        }
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, clientCertificate(pki, ConformanceSecurity.USER))) {
            assertThat(f.createChannel().echo("still up")).isEqualTo("still up");
        }
    }

    @Test
    void aServerTheClientDoesNotTrust_isRefusedWithTheReason() {
        try (ChannelFactory<ConformanceService> f = client(mutualAddress, Map.of("tls-trust", TestPki.path(stranger.caCertificate())))) {
            ServiceException e = refused(f);
            assertThat(e.code()).isEqualTo(FaultCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("TLS handshake").contains("failed");
        }
    }

    @Test
    void aServerNameNotInItsCertificate_isRefused_unlessVerificationIsOff() {
        String other = "net.tcp://127.0.0.2:" + serverOnlyPort + "/server-only";
        try (ChannelFactory<ConformanceService> f = client(other, Map.of("tls-trust", TestPki.path(pki.caCertificate())))) {
            ServiceException e = refused(f);
            assertThat(e.getMessage()).contains("TLS handshake");
        }
        try (ChannelFactory<ConformanceService> f = client(other, Map.of("tls-trust", TestPki.path(pki.caCertificate()),
                "tls-verify-hostname", "false"))) {
            assertThat(f.createChannel().echo("no name check")).isEqualTo("no name check");
        }
        String localhost = "net.tcp://localhost:" + serverOnlyPort + "/server-only";
        try (ChannelFactory<ConformanceService> f = client(localhost, Map.of("tls-trust", TestPki.path(pki.caCertificate())))) {
            assertThat(f.createChannel().echo("by name")).isEqualTo("by name");
        }
    }

    @Test
    void aPlainTextClient_onATlsPort_isToldSo_notLeftHanging() {
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class)
                .address("net.tcp://127.0.0.1:" + serverOnlyPort + "/server-only")
                .binding(BindingConfig.of("net-tcp", Map.of("send-timeout", "10s"))).build()) {
            long start = System.nanoTime();
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("requires TLS");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("refused at once").isLessThan(5);
        }
    }

    @Test
    void garbageOnATlsPort_isClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(serverOnlyPort))) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
    }

    @Test
    void opensslSClient_verifiesTheServer_andPresentsAClientCertificate() throws Exception {
        URI uri = URI.create(mutualAddress);
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + uri.getPort(),
                "-servername", "localhost", "-verify_return_error", "-verify_hostname", "localhost",
                "-CAfile", TestPki.path(pki.caCertificate()),
                "-cert", TestPki.path(pki.clientCertificate(ConformanceSecurity.USER)),
                "-key", TestPki.path(pki.clientKey(ConformanceSecurity.USER))));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(new Preamble(2, 1, uri.getPath()).encode());   // a preamble, then EOF: the server answers and closes
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(out);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Verify return code: 0 (ok)").contains("TLSv1.3");
        assertThat(p.exitValue()).as(text).isZero();
    }

    @Test
    void misconfiguredTls_failsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> host("net.tcp://127.0.0.1:0/bad", Map.of("security-mode", "transport")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls-certificate");
        assertThatThrownBy(() -> host("net.tcp://127.0.0.1:0/bad", Map.of("security-mode", "message")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security-mode").hasMessageContaining("[none, transport]");
        Map<String, Object> noTrust = new HashMap<>(serverTls("required"));
        noTrust.remove("tls-trust");
        assertThatThrownBy(() -> host("net.tcp://127.0.0.1:0/bad", noTrust))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls-trust");
        Map<String, Object> missingFile = new HashMap<>(serverTls("none"));
        missingFile.put("tls-certificate", "/nonexistent/server.pem");
        assertThatThrownBy(() -> host("net.tcp://127.0.0.1:0/bad", missingFile))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls-certificate").hasMessageContaining("/nonexistent/server.pem");
        assertThatThrownBy(() -> ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint(null, "net.pipe:///tmp/wcf4j-tls-bad.sock", BindingConfig.of("net-pipe", Map.of("security-mode", "transport")))
                .build().open())
                .isInstanceOf(ConfigException.class).hasMessageContaining("security-mode");
    }

    @Test
    void endpointsSharingAPort_mustAgreeOnTls() throws Exception {
        int port = ConsolePorts.free();
        ServiceHost h = ServiceHost.builder(ConformanceService.class).name("shared").implementation(new ConformanceServiceImpl())
                .endpoint("tls", "net.tcp://127.0.0.1:" + port + "/a", BindingConfig.of("net-tcp", serverTls("none")))
                .endpoint("plain", "net.tcp://127.0.0.1:" + port + "/b", BindingConfig.of("net-tcp"))
                .build();
        assertThatThrownBy(h::open).isInstanceOf(ConfigException.class).hasMessageContaining("must agree on TLS")
                .hasMessageContaining("plain");
    }

    @Test
    void plainTextOnEveryInterface_refusesToStart_unlessAllowed() {
        assertThatThrownBy(() -> host("net.tcp://0.0.0.0:0/open", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("plain text").hasMessageContaining("allow-insecure");
        ServiceHost allowed = host("net.tcp://0.0.0.0:0/open", Map.of("allow-insecure", "true"));
        allowed.close();
        host("net.tcp://127.0.0.1:0/loopback", Map.of()).close();
    }

    @Test
    void boringSsl_doesTheTls_whereItsNativeLibraryLoads() {
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").equals("amd64");
        org.junit.jupiter.api.Assumptions.assumeTrue(linuxX64, "netty-tcnative-boringssl-static is on the class path for linux-x86_64 only");
        assertThat(TlsContexts.PROVIDER).as(String.valueOf(io.netty.handler.ssl.OpenSsl.unavailabilityCause()))
                .isEqualTo(io.netty.handler.ssl.SslProvider.OPENSSL);
    }

    /** A free TCP port. */
    static final class ConsolePorts {
        static int free() throws Exception {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
