package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Health and readiness over HTTP: the actuator, with a contributor per endpoint, beside the endpoints; details (the
 * fixture's requests are the teller's) only to a teller or an auditor.
 */
class HealthTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthHasAContributorPerEndpoint_andReadinessIncludesThem() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        HttpResponse<String> health = host.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode root = json.readTree(health.body());
        assertThat(root.get("status").asString()).isEqualTo("UP");
        JsonNode endpoints = root.path("components").path("wcf4j").path("components");
        for (String name : new String[] {"ledger-soap", "ledger-soap12", "ledger-rest", "ledger-tcp", "ledger-pipe", "ledger-events-tcp"}) {
            assertThat(endpoints.path(name).path("status").asString()).as(name).isEqualTo("UP");
        }
        assertThat(endpoints.path("ledger-tcp").path("details").path("address").asString()).startsWith("net.tcp://");
        // the shared resources: the embedded broker (journal, acceptors) and the database (a query)
        assertThat(endpoints.path("broker").path("status").asString()).isEqualTo("UP");
        assertThat(endpoints.path("broker").path("details").path("journal").asString()).isEqualTo("started");
        assertThat(root.path("components").path("db").path("status").asString()).isEqualTo("UP");

        // anonymous: every endpoint's status, no details
        HttpResponse<String> anonymous = host.sendAnonymous(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(host.url("/actuator/health"))).GET());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode seen = json.readTree(anonymous.body()).path("components").path("wcf4j").path("components");
        assertThat(seen.path("ledger-tcp").path("status").asString()).isEqualTo("UP");
        assertThat(seen.path("ledger-tcp").has("details")).as("details only to authorized callers").isFalse();
        // a customer is authenticated but not authorized for details; a wrong password is refused
        HttpResponse<String> customer = host.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/actuator/health")))
                .header("Authorization", DemoUsers.basic(DemoUsers.ALICE)).GET());
        assertThat(json.readTree(customer.body()).path("components").path("wcf4j").path("components").path("ledger-tcp").has("details"))
                .isFalse();
        assertThat(host.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/actuator/health")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("teller:not-the-password".getBytes()))
                .GET()).statusCode()).isEqualTo(401);

        HttpResponse<String> readiness = host.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("components").has("wcf4j")).isTrue();
        assertThat(json.readTree(readiness.body()).path("components").has("db")).isTrue();
        assertThat(host.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        // the endpoints are still served beside Spring MVC
        assertThat(host.get("/api/ledger/totals").statusCode()).isEqualTo(200);
        assertThat(host.get("/metadata").statusCode()).isEqualTo(200);
    }
}
