package io.wcf4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Envelopes posted to a SOAP endpoint over real HTTP, through CXF and the binding to the service. Every request is
 * answered, in time, with a reply, a SOAP fault or an HTTP refusal; none is the framework's own failure (INTERNAL).
 */
class SoapEnvelopeFuzzTest {
    private static ServiceHost host;
    private static URL endpoint;

    /**
     * Opened at the first input, not before the class: Jazzer instruments the classes loaded after it starts, and the
     * host's are what it should see.
     */
    private static void open() throws Exception {
        host = ServiceHost.builder(Fuzzed.class).implementation(new FuzzedService())
                .endpoint("fuzz-soap", "http://127.0.0.1:0/services/fuzz", BindingConfig.of("soap-http",
                        Map.of("max-received-message-size", 64 * 1024)))
                .build();
        host.open();
        endpoint = host.endpoints().get(0).address().toURL();
    }

    @AfterAll
    static void close() {
        if (host != null) {
            host.close();
        }
    }

    @FuzzTest
    void envelopes(byte[] envelope) throws Exception {
        // Jazzer resets what is allowed before each input
        LoopbackOnly.allow();
        if (host == null) {
            open();
        }
        Http.Answer r = Http.exchange(endpoint, "POST", "text/xml; charset=UTF-8", envelope, "SOAPAction", "\"\"");
        Answers.checkSoap(r.status(), r.body());
    }
}
