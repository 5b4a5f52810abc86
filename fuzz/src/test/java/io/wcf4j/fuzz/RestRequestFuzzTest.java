package io.wcf4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Requests to a REST endpoint over real HTTP: the input's first line is the request target below the endpoint (path
 * and query), the rest its JSON body (POST; GET when there is none). Every request is answered, in time, with a result
 * or a problem document of a 4xx status; a 5xx is a finding.
 */
class RestRequestFuzzTest {
    private static ServiceHost host;
    private static String endpoint;

    /**
     * Opened at the first input, not before the class: Jazzer instruments the classes loaded after it starts, and the
     * host's are what it should see.
     */
    private static void open() {
        host = ServiceHost.builder(Fuzzed.class).implementation(new FuzzedService())
                .endpoint("fuzz-rest", "http://127.0.0.1:0/api/fuzz", BindingConfig.of("rest-json", Map.of("max-received-message-size", 64 * 1024)))
                .build();
        host.open();
        endpoint = host.endpoints().get(0).address().toString();
    }

    @AfterAll
    static void close() {
        if (host != null) {
            host.close();
        }
    }

    @FuzzTest
    void requests(byte[] input) throws Exception {
        // Jazzer resets what is allowed before each input
        LoopbackOnly.allow();
        if (host == null) {
            open();
        }
        int newline = indexOf(input, (byte) '\n');
        String target = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        URI uri;
        try {
            uri = URI.create(endpoint + "/" + target);
        } catch (IllegalArgumentException notAUri) {
            // no HTTP client sends it: nothing reaches the server
            return;
        }
        if (!"127.0.0.1".equals(uri.getHost()) || uri.getRawFragment() != null) {
            return;
        }
        Http.Answer r;
        try {
            r = body.length == 0 ? Http.exchange(uri.toURL(), "GET", null, null)
                    : Http.exchange(uri.toURL(), "POST", "application/json", body);
        } catch (IllegalArgumentException | java.net.MalformedURLException notSendable) {
            return;
        }
        if (r.status() >= 500) {
            throw new AssertionError("HTTP " + r.status() + " for " + target + ": " + Answers.abbreviate(r.body()));
        }
        if (r.status() >= 400) {
            Answers.checkNotInternal(r.body());
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
