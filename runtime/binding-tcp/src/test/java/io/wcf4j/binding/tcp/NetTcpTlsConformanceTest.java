package io.wcf4j.binding.tcp;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;

import java.util.Map;

/** net.tcp over TLS passes the whole binding conformance suite. */
class NetTcpTlsConformanceTest extends NetTcpConformanceTest {
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
        MalformedCall.send(clientAddress, TestPki.trusting(pki));
    }
}
