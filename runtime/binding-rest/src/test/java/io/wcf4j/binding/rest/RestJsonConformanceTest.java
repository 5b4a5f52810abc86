package io.wcf4j.binding.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BehaviorConfig;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void busy_is503WithRetryAfter_andAProblemNamingTheCode() throws Exception {
        Server busy = startServer("busy", new ConformanceServiceImpl(), new BehaviorConfig("busy", null,
                new ThrottlingConfig(1, 0, Duration.ofMillis(100)), Duration.ofSeconds(5)));
        try (ChannelFactory<ConformanceService> f = newFactory(busy.clientAddress(), Duration.ofSeconds(10))) {
            CompletableFuture<String> holding = CompletableFuture.supplyAsync(() -> f.createChannel().slow(1500));
            await("the one call slot taken", () -> busy.host().runningCalls() == 1);
            HttpResponse<String> r = postRaw(busy.clientAddress() + "/echo", "application/json", "{\"text\": \"x\"}", Map.of());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"code\":\"RESOURCE_EXHAUSTED\"").contains("\"status\":503");
            assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo("slept 1500");
        } finally {
            stopServer(busy);
        }
    }
}
