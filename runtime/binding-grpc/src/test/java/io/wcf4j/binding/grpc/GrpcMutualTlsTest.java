package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** gRPC over mutual TLS: a client certificate is the caller's principal; no certificate, or a stranger's, is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcMutualTlsTest {
    private final DevelopmentPki pki = TestPki.trusted();
    private final DevelopmentPki stranger = TestPki.stranger();
    private ServiceHost host;
    private String address;

    @BeforeAll
    void open() {
        Map<String, Object> tls = new HashMap<>(Map.of("security-mode", "transport", "client-certificate", "required",
                "tls-certificate", TestPki.path(pki.serverCertificate()), "tls-private-key", TestPki.path(pki.serverKey()),
                "tls-trust", TestPki.path(pki.caCertificate())));
        host = ServiceHost.builder(ConformanceService.class).name("mtls").implementation(new ConformanceServiceImpl())
                .endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc", tls))
                .dispatchBehavior(ConformanceSecurity.authentication()).build();
        host.open();
        address = host.endpoints().get(0).address().toString();
    }

    @AfterAll
    void close() {
        host.close(Duration.ofSeconds(5));
    }

    private ChannelFactory<ConformanceService> client(DevelopmentPki from, String user) {
        Map<String, Object> s = new HashMap<>(Map.of("security-mode", "transport", "send-timeout", "10s",
                "tls-trust", TestPki.path(pki.caCertificate())));
        if (user != null) {
            s.put("tls-certificate", TestPki.path(from.clientCertificate(user)));
            s.put("tls-private-key", TestPki.path(from.clientKey(user)));
        }
        return ChannelFactory.builder(ConformanceService.class).address(address).binding(BindingConfig.of("grpc", s)).build();
    }

    @Test
    void aClientCertificate_isThePrincipal_withItsRoles() {
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.ADMIN_USER)) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
            assertThat(f.createChannel().adminEcho("over mTLS")).isEqualTo("over mTLS");
        }
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.USER)) {
            assertThat(f.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.USER);
            assertThat(catchThrowableOfType(ServiceException.class, () -> f.createChannel().adminEcho("x")).code())
                    .isEqualTo(FaultCode.PERMISSION_DENIED);
        }
    }

    @Test
    void noCertificate_orAStrangersCertificate_isRefused_andTheEndpointServesOn() {
        for (ChannelFactory<ConformanceService> f : new ChannelFactory[] {client(pki, null), client(stranger, ConformanceSecurity.USER)}) {
            try (f) {
                ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
                assertThat(e).as("the handshake fails").isNotNull();
                assertThat(e.code()).isEqualTo(FaultCode.UNAVAILABLE);
            }
        }
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.USER)) {
            assertThat(f.createChannel().echo("still up")).isEqualTo("still up");
        }
    }
}
