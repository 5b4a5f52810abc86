package io.wcf4j.binding.grpc;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.util.Map;

/** gRPC over TLS (security-mode transport) passes the whole binding conformance suite. */
class GrpcTlsConformanceTest extends GrpcConformanceTest {
    private final DevelopmentPki pki = TestPki.trusted();

    /** Client and server: TLS, trusting the test CA. */
    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("security-mode", "transport", "tls-trust", TestPki.path(pki.caCertificate()));
    }

    /** The server also has its certificate. */
    @Override
    protected BindingConfig serverBinding() {
        return BindingConfig.of(bindingType(), TestPki.withServerCertificate(super.serverBinding().settings()));
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        RawGrpc.sendUnreadableEcho(clientAddress, TestPki.path(pki.caCertificate()));
    }
}
