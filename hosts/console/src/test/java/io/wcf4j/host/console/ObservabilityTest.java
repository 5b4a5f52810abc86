package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.spi.ClientBehavior;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The console host as an operator sees it: the Prometheus scrape after known calls, the message log file (masked),
 * and a caller's trace continued by the host (tracing and message logging are on in the fixture).
 */
class ObservabilityTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void prometheusScrape_hasEachCallByBindingAndOutcome_andTheJvmAndTomcatMetrics() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        try (ChannelFactory<Ledger> rest = DemoUsers.factory(Ledger.class, host.url("/api/ledger"), "rest-json", DemoUsers.TELLER)) {
            Ledger ledger = rest.createChannel();
            ledger.getTotals();
            assertThat(catchNotFound(ledger)).isTrue();
        }
        HttpResponse<String> scrape = host.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> lines = scrape.body().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_server_calls_seconds_count{")
                .contains("binding=\"rest-json\"", "operation=\"getTotals\"", "outcome=\"OK\"", "service=\"ledger\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_server_calls_seconds_count{")
                .contains("binding=\"rest-json\"", "operation=\"getAccount\"", "outcome=\"AccountNotFound\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_server_calls_seconds_bucket{")
                .contains("operation=\"getTotals\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_server_calls_running{service=\"ledger\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("jvm_memory_used_bytes"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tomcat_global_received_bytes_total"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tomcat_connections_current_connections"));
        // what the framed and JMS bindings keep per endpoint
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_endpoint_connections{")
                .contains("binding=\"net-tcp\"", "endpoint=\"ledger-tcp\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_endpoint_bytes_received_total{")
                .contains("binding=\"net-pipe\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wcf4j_endpoint_dead_letter_depth{")
                .contains("binding=\"soap-jms\""));
    }

    @Test
    void theMessageLogFile_hasEveryCall_withTheOwnerMaskedAndNoCredential_andTheCallersTraceId() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        String owner = "Observed Owner " + ThreadLocalRandom.current().nextInt(1_000_000);
        String traceId = String.format("%032x", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        ClientBehavior traced = (call, next) -> {
            call.metadata().put("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
            return next.proceed(call);
        };
        Account opened;
        try (ChannelFactory<Ledger> tcp = ChannelFactory.builder(Ledger.class).address("net.tcp://127.0.0.1:" + host.tcpPort + "/ledger")
                .binding(io.wcf4j.config.BindingConfig.of("net-tcp")).behavior(traced)
                .behavior(DemoUsers.credentials(DemoUsers.TELLER)).build()) {
            opened = tcp.createChannel().openAccount(owner, new BigDecimal("12.50"));
        }
        String soapOwner = "Soap Owner " + ThreadLocalRandom.current().nextInt(1_000_000);
        new LedgerClients(host).soap().openAccount(soapOwner, new BigDecimal("1.00"));
        Path file = host.dataDir.resolve("logs/messages.jsonl");
        String log = awaitContaining(file, traceId);
        log = awaitContaining(file, "\"binding\":\"soap-http\",\"direction\":\"sent\"");
        assertThat(log).doesNotContain(owner).doesNotContain(soapOwner).doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        // the transport level: the frame as received (its arguments named, then masked), the envelope as received
        List<JsonNode> transport = log.lines().map(this::parse).filter(l -> l.get("level").asString().equals("transport")).toList();
        assertThat(transport).anySatisfy(l -> {
            assertThat(l.get("binding").asString()).isEqualTo("net-tcp");
            assertThat(l.get("direction").asString()).isEqualTo("received");
            assertThat(l.path("body").path("operation").asString()).isEqualTo("openAccount");
            assertThat(l.path("body").path("arguments").path("owner").asString()).isEqualTo("***");
        });
        assertThat(transport).anySatisfy(l -> {
            assertThat(l.get("binding").asString()).isEqualTo("soap-http");
            assertThat(l.get("body").asString()).contains("openAccount").containsPattern("<owner>\\*\\*\\*</owner>");
        });
        JsonNode line = log.lines().filter(l -> l.contains(traceId) && l.contains("\"level\":\"service\"")).map(this::parse)
                .findFirst().orElseThrow();
        assertThat(line.get("service").asString()).isEqualTo("ledger");
        assertThat(line.get("binding").asString()).isEqualTo("net-tcp");
        assertThat(line.get("operation").asString()).isEqualTo("openAccount");
        assertThat(line.get("caller").asString()).isEqualTo(DemoUsers.TELLER);
        assertThat(line.get("outcome").asString()).isEqualTo("OK");
        assertThat(line.get("arguments").get("owner").asString()).isEqualTo("***");
        assertThat(line.get("arguments").get("initialDeposit").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(line.get("result").get("owner").asString()).isEqualTo("***");
        assertThat(line.get("result").get("id").asLong()).isEqualTo(opened.getId());
    }

    @Test
    void theOperatorView_listsServicesEndpointsAndTheLastMinutesCalls() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        try (ChannelFactory<Ledger> rest = DemoUsers.factory(Ledger.class, host.url("/api/ledger"), "rest-json", DemoUsers.TELLER)) {
            rest.createChannel().getTotals();
        }
        HttpResponse<String> response = host.sendAnonymous(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/operator"))).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode ledger = null;
        for (JsonNode s : json.readTree(response.body()).get("services")) {
            if (s.get("name").asString().equals("ledger")) {
                ledger = s;
            }
        }
        assertThat(ledger).isNotNull();
        assertThat(ledger.get("endpoints")).anySatisfy(e -> {
            assertThat(e.get("name").asString()).isEqualTo("ledger-tcp");
            assertThat(e.get("binding").asString()).isEqualTo("net-tcp");
            assertThat(e.get("address").asString()).startsWith("net.tcp://");
            assertThat(e.get("security").asString()).isNotEmpty();
        });
        assertThat(ledger.get("calls")).anySatisfy(c -> {
            assertThat(c.get("binding").asString()).isEqualTo("rest-json");
            assertThat(c.get("totalCalls").asLong()).isPositive();
            assertThat(c.get("callsPerSecond").asDouble()).isPositive();
            assertThat(c.get("p99Millis").asDouble()).isPositive();
        });
        assertThat(ledger.get("runningCalls").asInt()).isNotNegative();

        HttpResponse<String> page = host.sendAnonymous(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/operator")))
                .header("Accept", "text/html").GET());
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h2>ledger</h2>", "ledger-tcp", "rest-json");
    }

    private static boolean catchNotFound(Ledger ledger) {
        try {
            ledger.getAccount(Long.MAX_VALUE);
            return false;
        } catch (io.wcf4j.sample.ledger.AccountNotFoundException e) {
            return true;
        }
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (tools.jackson.core.JacksonException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static String awaitContaining(Path file, String text) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        String content = "";
        while (System.nanoTime() < until) {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " has no line with " + text + " after 10 s:\n" + content);
    }
}
