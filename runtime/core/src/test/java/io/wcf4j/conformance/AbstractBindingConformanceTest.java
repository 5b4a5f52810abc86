package io.wcf4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.PublishedEndpoint;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance suite every binding passes, in the manner of grpc-java's {@code AbstractTransportTest}.
 * A binding module subclasses it and supplies the binding type and addresses; the suite starts one host
 * per test class (and one more for the close test), calls it through a {@link ChannelFactory} proxy and
 * checks what arrives.
 *
 * <p>An optional feature is turned off by overriding its {@code supports...} method; a subclass that skips
 * a case says why in that override's javadoc. A subclass whose server is run by someone else (a Spring
 * host) overrides {@link #startServer} and {@link #stopServer}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractBindingConformanceTest {
    /** The size limit the suite's hosts use; {@link #messageTooLarge_isRefusedTyped} sends twice that. */
    protected static final int MESSAGE_LIMIT = 1024 * 1024;

    protected ConformanceServiceImpl service;
    protected ConformanceService client;
    private ChannelFactory<ConformanceService> factory;
    private Server server;

    /** The binding type under test, e.g. {@code soap-http}. */
    protected abstract String bindingType();

    /** A server address for a service of this name; port 0 picks a free port. */
    protected abstract String serverAddress(String serviceName);

    /** An address in this binding's scheme where nothing listens. */
    protected abstract String unreachableAddress();

    /** Binding settings for server and client (the suite adds the message limit and timeouts). */
    protected Map<String, Object> bindingSettings() {
        return Map.of();
    }

    /** Whether the binding enforces {@code max-received-message-size} with a typed MESSAGE_TOO_LARGE. */
    protected boolean supportsMessageSizeLimit() {
        return true;
    }

    /** Whether the server's lifecycle is the test's to control (false for a host run by Spring). */
    protected boolean supportsCloseWhileInFlight() {
        return true;
    }

    /**
     * Whether calls made while no server runs wait for one (a queued binding): then a call after the server
     * closed times out (DEADLINE_EXCEEDED) instead of being refused (UNAVAILABLE).
     */
    protected boolean queuesCallsWhileClosed() {
        return false;
    }

    /** A running server and the address clients call. */
    public record Server(ServiceHost host, String clientAddress) {
    }

    /** Starts a server for the suite's service; the default hosts it with a {@link ServiceHost}. */
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        ServiceHost host = ServiceHost.builder(ConformanceService.class).name(serviceName)
                .implementation(implementation)
                .endpoint(null, serverAddress(serviceName), serverBinding())
                .build();
        host.open();
        PublishedEndpoint ep = host.endpoints().get(0);
        return new Server(host, clientAddress(ep.address()));
    }

    /** Stops a server started by {@link #startServer}. */
    protected void stopServer(Server server) {
        if (server != null && server.host() != null) {
            server.host().close(Duration.ofSeconds(10));
        }
    }

    /** The address a client uses for an address the server listens on (wildcard hosts become loopback). */
    protected String clientAddress(URI listening) {
        String s = listening.toString();
        return s.replace("://0.0.0.0", "://127.0.0.1");
    }

    protected BindingConfig serverBinding() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(bindingSettings());
        settings.put("max-received-message-size", MESSAGE_LIMIT);
        return BindingConfig.of(bindingType(), settings);
    }

    protected ChannelFactory<ConformanceService> newFactory(String address, Duration sendTimeout) {
        ChannelFactory.Builder<ConformanceService> b = ChannelFactory.builder(ConformanceService.class)
                .address(address).binding(BindingConfig.of(bindingType(), bindingSettings()))
                .setting("send-timeout", sendTimeout.toMillis() + "ms");
        return b.build();
    }

    @BeforeAll
    void startSuiteServer() {
        service = new ConformanceServiceImpl();
        server = startServer("conformance", service);
        factory = newFactory(server.clientAddress(), Duration.ofSeconds(20));
        client = factory.createChannel();
    }

    @AfterAll
    void stopSuiteServer() {
        if (factory != null) {
            factory.close();
        }
        stopServer(server);
    }

    // --- request-reply -----------------------------------------------------------------------------------

    @Test
    void requestReply_returnsTheResult() {
        assertThat(client.echo("hello")).isEqualTo("hello");
        assertThat(client.add(40, 2)).isEqualTo(42);
        assertThat(client.add(-7, 3)).isEqualTo(-4);
    }

    @Test
    void requestReply_dataContractRoundTrips() {
        Payload child = new Payload("child", new BigDecimal("0.01"), -1, false, List.of(), null);
        Payload p = new Payload("parent", new BigDecimal("12345678901234567890.12"), Long.MAX_VALUE, true,
                List.of("a", "b", "c"), child);
        assertThat(client.echoPayload(p)).isEqualTo(p);
    }

    @Test
    void nullAndEmptyValues_arriveAsSent() {
        assertThat(client.echo(null)).isNull();
        assertThat(client.echo("")).isEmpty();
        Payload empty = new Payload(null, null, 0, false, List.of(), null);
        assertThat(client.echoPayload(empty)).isEqualTo(empty);
        assertThat(client.echoPayload(null)).isNull();
    }

    @Test
    void unicodeAndMarkup_arriveIntact() {
        String s = "h\u00e9llo w\u00f6rld \u2014 \u65e5\u672c\u8a9e \ud83c\udf89 <tag attr=\"x\">&amp; 'quoted'</tag> \\ / \t tab";
        assertThat(client.echo(s)).isEqualTo(s);
        Payload p = new Payload(s, BigDecimal.ONE, 1, true, List.of(s, "\u00fc"), null);
        assertThat(client.echoPayload(p)).isEqualTo(p);
    }

    @Test
    void largeValue_underTheLimit_roundTrips() {
        String big = "x".repeat(MESSAGE_LIMIT / 4);
        assertThat(client.echo(big)).isEqualTo(big);
    }

    @Test
    void messageTooLarge_isRefusedTyped() {
        Assumptions.assumeTrue(supportsMessageSizeLimit(), "binding does not enforce a message size limit");
        String tooBig = "y".repeat(MESSAGE_LIMIT * 2);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.echo(tooBig));
        assertThat(e).as("a message over the limit must be refused").isNotNull();
        assertThat(e.code()).isEqualTo(FaultCode.MESSAGE_TOO_LARGE);
        assertThat(client.echo("still serving")).isEqualTo("still serving");
    }

    // --- one-way ------------------------------------------------------------------------------------------

    @Test
    void oneWay_isDeliveredAfterTheCallReturns() throws InterruptedException {
        String token = "token-" + System.nanoTime();
        client.fireAndForget(token);
        String received = null;
        for (int i = 0; i < 100 && received == null; i++) {
            String t = service.oneWayTokens.poll(100, TimeUnit.MILLISECONDS);
            if (token.equals(t)) {
                received = t;
            }
        }
        assertThat(received).as("one-way call delivered within 10 s").isEqualTo(token);
    }

    // --- faults -------------------------------------------------------------------------------------------

    @Test
    void declaredFault_arrivesTypedWithDetail() {
        ConformanceFaultException e = catchThrowableOfType(ConformanceFaultException.class, () -> client.failDeclared("E42"));
        assertThat(e).as("declared fault thrown as its own type").isNotNull();
        assertThat(e.getFaultInfo()).isNotNull();
        assertThat(e.getFaultInfo().getCode()).isEqualTo("E42");
        assertThat(e.getFaultInfo().isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("declared failure E42");
    }

    @Test
    void undeclaredException_arrivesGenericWithoutDetail() {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.failUndeclared("s3cr3t-detail"));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(FaultCode.INTERNAL);
        assertThat(e.getMessage()).doesNotContain("s3cr3t-detail").doesNotContain("IllegalStateException")
                .doesNotContain("at io.wcf4j").contains("reference");
    }

    @Test
    void serviceException_keepsItsCodeAndMessage() {
        assertThat(client.validatePositive(7)).isEqualTo(7);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> client.validatePositive(-1));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(FaultCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("n must be positive, was -1");
    }

    @Test
    void unreachableAddress_failsWithUnavailable() {
        try (ChannelFactory<ConformanceService> f = newFactory(unreachableAddress(), Duration.ofSeconds(5))) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.UNAVAILABLE);
        }
    }

    @Test
    void deadline_expiringGivesTypedTimeout() {
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().slow(3000));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
            assertThat(tookMs).as("caller gave up near its deadline, not after the call").isLessThan(2500);
        }
        assertThat(client.echo("after timeout")).isEqualTo("after timeout");
    }

    // --- concurrency and lifecycle ------------------------------------------------------------------------

    @Test
    void concurrentCalls_eachGetTheirOwnReply() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        String v = "t" + thread + "-c" + i + "-" + "z".repeat(i * 10);
                        String r = client.echo(v);
                        if (!v.equals(r)) {
                            mismatches.add(v + " -> " + r);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeWhileCallsInFlight_letsThemFinishThenRefuses() throws Exception {
        Assumptions.assumeTrue(supportsCloseWhileInFlight(), "the server's lifecycle is not the test's");
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        Server s = startServer("closing", impl);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ChannelFactory<ConformanceService> f = newFactory(s.clientAddress(), Duration.ofSeconds(20))) {
            ConformanceService c = f.createChannel();
            assertThat(c.echo("warm")).isEqualTo("warm");
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit((Callable<String>) () -> c.slow(1000)));
            }
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (impl.slowStarted.get() < 3 && System.nanoTime() < waitUntil) {
                Thread.sleep(10);
            }
            assertThat(impl.slowStarted.get()).as("three slow calls started").isEqualTo(3);
            Future<Boolean> closing = pool.submit(() -> s.host().close(Duration.ofSeconds(10)));
            for (Future<String> call : calls) {
                assertThat(call.get(15, TimeUnit.SECONDS)).isEqualTo("slept 1000");
            }
            assertThat(closing.get(15, TimeUnit.SECONDS)).as("drained within the grace period").isTrue();
            assertThat(impl.slowFinished.get()).isEqualTo(3);
            if (queuesCallsWhileClosed()) {
                try (ChannelFactory<ConformanceService> shortWait = newFactory(s.clientAddress(), Duration.ofSeconds(1))) {
                    assertThatThrownBy(() -> shortWait.createChannel().echo("after close")).isInstanceOf(ServiceException.class)
                            .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(FaultCode.DEADLINE_EXCEEDED));
                }
            } else {
                assertThatThrownBy(() -> c.echo("after close")).isInstanceOf(ServiceException.class)
                        .satisfies(e -> assertThat(((ServiceException) e).code()).isIn(FaultCode.UNAVAILABLE, FaultCode.UNKNOWN_OPERATION));
            }
        } finally {
            pool.shutdownNow();
            s.host().close(Duration.ZERO);
        }
    }
}
