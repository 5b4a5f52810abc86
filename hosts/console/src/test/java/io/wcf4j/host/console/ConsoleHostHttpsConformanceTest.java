package io.wcf4j.host.console;

import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.TestPki;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * The conformance suite over HTTPS on the console host: a TLS connector that the host added to Boot's Tomcat for
 * the endpoint's port, beside the plain connector that serves the same path.
 */
class ConsoleHostHttpsConformanceTest extends ConsoleHostSoapConformanceTest {
    @Override
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        service = host.context.getBean(ConformanceServiceImpl.class);
        return new Server(null, "https://localhost:" + host.httpsPort + path(), endpointName());
    }

    @Override
    protected String endpointName() {
        return "conformance-soap-tls";
    }

    @Override
    protected String unreachableAddress() {
        return "https://127.0.0.1:1/services/nobody";
    }

    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("tls-trust", TestPki.path(TestPki.trusted().caCertificate()));
    }

    @Override
    protected HttpClient rawHttpClient() {
        return TestPki.httpClient();
    }
}
