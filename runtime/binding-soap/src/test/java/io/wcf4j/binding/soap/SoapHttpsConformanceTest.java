package io.wcf4j.binding.soap;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** SOAP over HTTPS passes the whole binding conformance suite. */
class SoapHttpsConformanceTest extends SoapHttpConformanceTest {
    private final DevelopmentPki pki = TestPki.trusted();

    @Override
    protected String serverAddress(String serviceName) {
        return "https://127.0.0.1:0/services/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "https://127.0.0.1:1/services/nobody";
    }

    /** Client and server trust the test CA. */
    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("tls-trust", TestPki.path(pki.caCertificate()));
    }

    @Override
    protected BindingConfig serverBinding() {
        Map<String, Object> settings = new LinkedHashMap<>(super.serverBinding().settings());
        settings.put("tls-certificate", TestPki.path(pki.serverCertificate()));
        settings.put("tls-private-key", TestPki.path(pki.serverKey()));
        return BindingConfig.of(bindingType(), settings);
    }

    @Override
    protected HttpClient rawHttpClient() {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.trusting(pki)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
