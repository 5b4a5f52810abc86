package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BehaviorConfig;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.ThrottlingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A service whose behavior names a one-way journal: a one-way call over SOAP/HTTP is on the broker when its 202 comes,
 * runs from there, and one the host had not run when it stopped runs after the next start (on the same broker).
 */
class OneWayJournalTest {
    private static final EmbeddedArtemis BROKER = TestBroker.start();
    private static final String QUEUE = BrokerOneWayJournal.QUEUE_PREFIX;

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    /** Takes one-way work, each call waiting at a gate while the test holds it closed. */
    static final class GatedWork implements QueuedWork {
        final BlockingQueue<String> done = new LinkedBlockingQueue<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void process(String token) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(token);
        }

        @Override
        public String ping(String text) {
            return "pong " + text;
        }
    }

    private static ServiceHost host(String name, GatedWork work, int maxConcurrentCalls) {
        return ServiceHost.builder(QueuedWork.class).name(name).implementation(work)
                .behavior(new BehaviorConfig("test", null, new ThrottlingConfig(maxConcurrentCalls, 100, Duration.ofSeconds(5)),
                        Duration.ofSeconds(5)))
                .oneWayJournal(BindingConfig.of("soap-jms", Map.of("url", BROKER.inVmUrl(), "redelivery-delay", "100ms")))
                .endpoint("work-soap", "http://127.0.0.1:0/work", BindingConfig.of("soap-http")).build();
    }

    private static ChannelFactory<QueuedWork> client(ServiceHost host) {
        return ChannelFactory.builder(QueuedWork.class).address(host.endpoints().get(0).address().toString())
                .binding(BindingConfig.of("soap-http")).build();
    }

    @Test
    void aOneWayCallIsOnTheBrokerWhenAcknowledged_andRunsFromThere() throws Exception {
        GatedWork work = new GatedWork();
        work.gate = new CountDownLatch(1);
        try (ServiceHost host = host("journaled", work, 2)) {
            host.open();
            try (ChannelFactory<QueuedWork> f = client(host)) {
                QueuedWork proxy = f.createChannel();
                for (int i = 0; i < 5; i++) {
                    proxy.process("call-" + i);
                }
                // acknowledged, none run yet (two are in hand at the gate): all five on the broker
                assertThat(work.done).isEmpty();
                assertThat(BROKER.messageCount(QUEUE + "journaled")).isEqualTo(5);
                work.gate.countDown();
                List<String> done = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    done.add(work.done.poll(10, TimeUnit.SECONDS));
                }
                assertThat(done).containsExactlyInAnyOrder("call-0", "call-1", "call-2", "call-3", "call-4");
                assertThat(work.done.poll(300, TimeUnit.MILLISECONDS)).as("each ran once").isNull();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (BROKER.messageCount(QUEUE + "journaled") > 0 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(BROKER.messageCount(QUEUE + "journaled")).as("forgotten once run").isZero();
            }
        }
    }

    @Test
    void callsNotRunWhenTheHostStops_runAfterItsNextStart() throws Exception {
        GatedWork first = new GatedWork();
        first.gate = new CountDownLatch(1);
        ServiceHost stopping = host("restarted", first, 1);
        stopping.open();
        try (ChannelFactory<QueuedWork> f = client(stopping)) {
            QueuedWork proxy = f.createChannel();
            for (int i = 0; i < 4; i++) {
                proxy.process("call-" + i);
            }
        }
        // the one call in hand finishes during the stop; the three others stay on the broker
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> stopping.close(Duration.ofSeconds(10)));
        Thread.sleep(200);
        first.gate.countDown();
        assertThat(closed.get(30, TimeUnit.SECONDS)).as("drained").isTrue();
        assertThat(first.done).hasSize(1);
        assertThat(BROKER.messageCount(QUEUE + "restarted")).isEqualTo(3);

        GatedWork second = new GatedWork();
        try (ServiceHost restarted = host("restarted", second, 1)) {
            restarted.open();
            List<String> done = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                done.add(second.done.poll(10, TimeUnit.SECONDS));
            }
            done.addAll(first.done);
            assertThat(done).containsExactlyInAnyOrder("call-0", "call-1", "call-2", "call-3");
        }
        assertThat(BROKER.messageCount("DLQ." + QUEUE + "restarted")).as("nothing parked by the stop").isZero();
    }

    @Test
    void aFullJournal_refusesTheCallTyped_andAcceptsAgainOnceItDrains() throws Exception {
        EmbeddedArtemis small = EmbeddedArtemis.start(java.nio.file.Files.createTempDirectory("wcf4j-artemis-full"), "none",
                null, null, 16 * 1024);
        GatedWork work = new GatedWork();
        work.gate = new CountDownLatch(1);
        try (ServiceHost host = ServiceHost.builder(QueuedWork.class).name("full").implementation(work)
                .oneWayJournal(BindingConfig.of("soap-jms", Map.of("url", small.inVmUrl())))
                .endpoint("full-soap", "http://127.0.0.1:0/full", BindingConfig.of("soap-http")).build()) {
            host.open();
            HttpClient http = HttpClient.newHttpClient();
            String big = "x".repeat(2000);
            int accepted = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                HttpResponse<String> r = http.send(soapProcess(host, big + i), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    accepted++;
                } else {
                    refused = r;
                }
            }
            assertThat(refused).as("refused once full").isNotNull();
            // a SOAP fault (HTTP 500, as SOAP has it) with the typed code; REST answers 503 (HttpOneWayKillIT)
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("UNAVAILABLE").contains("the queue of accepted one-way calls is full");
            assertThat(accepted).isBetween(3, 99);
            // nothing accepted was dropped: every accepted call runs once the gate opens, and the journal takes more
            work.gate.countDown();
            for (int i = 0; i < accepted; i++) {
                assertThat(work.done.poll(10, TimeUnit.SECONDS)).as("accepted call %d ran", i).isNotNull();
            }
            assertThat(http.send(soapProcess(host, "after"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
            assertThat(work.done.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
        } finally {
            small.close();
        }
    }

    private static HttpRequest soapProcess(ServiceHost host, String token) {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<q:process xmlns:q=\"urn:wcf4j:test:queued\"><q:token>" + token + "</q:token></q:process></s:Body></s:Envelope>";
        return HttpRequest.newBuilder(URI.create(host.endpoints().get(0).address().toString()))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
    }
}
