package io.wcf4j.binding.rest;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.net.http.HttpClient;
import java.util.Map;

/** JSON over HTTPS passes the whole binding conformance suite. */
class RestHttpsConformanceTest extends RestJsonConformanceTest {
    private final DevelopmentPki pki = TestPki.trusted();

    @Override
    protected String serverAddress(String serviceName) {
        return "https://127.0.0.1:0/api/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "https://127.0.0.1:1/api/nobody";
    }

    /** Client and server trust the test CA. */
    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("tls-trust", TestPki.path(pki.caCertificate()));
    }

    @Override
    protected BindingConfig serverBinding() {
        return BindingConfig.of(bindingType(), TestPki.withServerCertificate(super.serverBinding().settings()));
    }

    @Override
    protected HttpClient rawHttpClient() {
        return TestPki.httpClient();
    }
}
