package io.wcf4j.binding.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceSecurity;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON over HTTP passes the binding conformance suite. */
class RestJsonConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "rest-json";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "http://127.0.0.1:0/api/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "http://127.0.0.1:1/api/nobody";
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        assertThat(postRaw(clientAddress + "/echo", "application/json", "{not json")).isEqualTo(400);
    }

    @Test
    void aPathOrQueryValueOfTheWrongKind_isRefusedInTheContractsTerms() throws Exception {
        for (String[] call : new String[][] {{"/validate/abc", "path parameter 'n': 'abc' is not an integer"},
                {"/add?a=x&b=1", "query parameter 'a': 'x' is not an integer"}}) {
            HttpResponse<String> r = rawHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server().clientAddress() + call[0])).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(call[0]).isEqualTo(400);
            assertThat(r.body()).as(call[0]).contains(call[1]).doesNotContain("valid int").doesNotContain("java");
        }
    }

    @Test
    void security_401CarriesAChallenge_403IsAProblem() throws Exception {
        HttpResponse<String> anonymous = postRaw(server().clientAddress() + "/whoami", "application/json", "", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm=\"conformance\""));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        String alice = "Basic " + Base64.getEncoder().encodeToString(
                (ConformanceSecurity.USER + ":" + ConformanceSecurity.USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> denied = postRaw(server().clientAddress() + "/admin", "application/json", "{\"text\": \"x\"}",
                Map.of("Authorization", alice));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(denied.body()).contains("PERMISSION_DENIED");
        HttpResponse<String> wrong = postRaw(server().clientAddress() + "/whoami", "application/json", "",
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8))));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
    }
}
