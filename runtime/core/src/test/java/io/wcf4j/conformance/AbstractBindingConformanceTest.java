package io.wcf4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BehaviorConfig;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.PublishedEndpoint;
import io.wcf4j.spi.Refusal;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * host) overrides {@link #startServer} and {@link #stopServer}, and runs the suite's {@link ConformanceBehaviors}
 * there ({@link #behaviors()}).
 *
 * <p>The context section checks the pipeline around the call on every wire: metadata both ways, the deadline and
 * its propagation, the endpoint and peer, that a client cannot claim an identity, that an admit-phase refusal
 * crosses the wire as the same typed fault (one-way calls too), that the observe phase sees refusals made before
 * dispatch, and that callbacks pass through behaviors on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractBindingConformanceTest {
    /** The size limit the suite's hosts use; {@link #messageTooLarge_isRefusedTyped} sends twice that. */
    protected static final int MESSAGE_LIMIT = 1024 * 1024;

    protected ConformanceServiceImpl service;
    protected ConformanceService client;
    private final ConformanceBehaviors ownBehaviors = new ConformanceBehaviors();
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

    /** Whether the service sees the caller's network address (a queue has none). */
    protected boolean supportsRemoteAddress() {
        return true;
    }

    /**
     * Whether a one-way call's refusal reaches its caller. False only where the binding acknowledges a one-way call
     * before the service sees it (a queue: the broker accepted the message; a refusal goes to the dead-letter queue).
     */
    protected boolean oneWayRefusalsReachTheCaller() {
        return true;
    }

    /**
     * Whether the binding tells the service that a caller gave up on a call (a cancel on the wire), so that the
     * operation sees {@link io.wcf4j.OperationContext#isCancelled()}.
     */
    protected boolean supportsCancellation() {
        return false;
    }

    /**
     * Whether calls beyond what the service takes wait in a queue outside it (a broker) rather than reaching it: then
     * none is refused as busy, the endpoint's consumers being no more than the service takes at once.
     */
    protected boolean holdsExcessCallsInAQueue() {
        return false;
    }

    /** Whether the binding carries callbacks (duplex contracts). */
    /** Whether the binding has a wire whose messages a client's wire tap sees (the in-process binding has none). */
    protected boolean hasAWire() {
        return true;
    }

    protected boolean supportsDuplex() {
        return false;
    }

    /**
     * Sends the server, over the binding's own wire and bypassing its client, one request it must refuse before
     * dispatch (unreadable, or not a call at all); the suite checks that the observe phase hears of it.
     */
    protected abstract void sendMalformedRequest(String clientAddress) throws Exception;

    /**
     * The principal a call of the suite's clients has when it sends no credential of its own: the peer's OS user
     * when the transport authenticates every peer (a named pipe), the {@link #defaultCredentials} user when the
     * binding needs a credential in every message, else null (anonymous).
     */
    protected String transportPrincipal() {
        return null;
    }

    /**
     * The credential every client of the suite sends unless a test gives its own: for a binding configured to need
     * one in every message (WS-Security message modes). None by default.
     */
    protected ClientBehavior defaultCredentials() {
        return null;
    }

    /** The behaviors the suite's server runs; a subclass whose server is run elsewhere returns that server's. */
    protected ConformanceBehaviors behaviors() {
        return ownBehaviors;
    }

    /**
     * A running server, the address clients call, and its endpoint's name.
     *
     * @param host null when the server is not the test's to control
     */
    public record Server(ServiceHost host, String clientAddress, String endpointName) {
    }

    /** Starts a server for the suite's service; the default hosts it with a {@link ServiceHost}. */
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        return startServer(serviceName, implementation, BehaviorConfig.DEFAULT);
    }

    /** Starts a server of the suite's service with a behavior of its own, for tests that need one (throttling). */
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation, BehaviorConfig behavior) {
        ServiceHost host = ServiceHost.builder(ConformanceService.class).name(serviceName)
                .implementation(implementation).behavior(behavior)
                .endpoint(null, serverAddress(serviceName), serverBinding())
                .dispatchBehavior(behaviors().observer())
                .dispatchBehavior(behaviors().admitter())
                .dispatchBehavior(behaviors().echoer())
                .dispatchBehavior(ConformanceSecurity.authentication())
                .build();
        host.open();
        PublishedEndpoint ep = host.endpoints().get(0);
        return new Server(host, clientAddress(ep.address()), ep.name());
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

    protected ChannelFactory<ConformanceService> newFactory(String address, Duration sendTimeout, ClientBehavior... behaviors) {
        return newFactoryBuilder(address, sendTimeout, behaviors).build();
    }

    protected ChannelFactory.Builder<ConformanceService> newFactoryBuilder(String address, Duration sendTimeout,
                                                                         ClientBehavior... behaviors) {
        ChannelFactory.Builder<ConformanceService> b = ChannelFactory.builder(ConformanceService.class)
                .address(address).binding(BindingConfig.of(bindingType(), bindingSettings()))
                .setting("send-timeout", sendTimeout.toMillis() + "ms");
        for (ClientBehavior behavior : behaviors) {
            b.behavior(behavior);
        }
        if (defaultCredentials() != null) {
            b.behavior(defaultCredentials());   // after the test's own: a credential the test gives wins
        }
        return b;
    }

    /** A client behavior that adds metadata to every call and keeps the response metadata of the last one. */
    protected static final class MetadataSender implements ClientBehavior {
        private final Map<String, String> toSend;
        volatile CallMetadata lastResponse = CallMetadata.EMPTY;

        MetadataSender(Map<String, String> toSend) {
            this.toSend = toSend;
        }

        @Override
        public Object invoke(ClientCall call, Next next) throws Exception {
            toSend.forEach((k, v) -> call.metadata().put(k, v));
            try {
                return next.proceed(call);
            } finally {
                lastResponse = call.responseMetadata();
            }
        }
    }

    /** For HTTP bindings' {@link #sendMalformedRequest}: POSTs a body as it is; the status the server answered. */
    protected int postRaw(String url, String contentType, String body) throws Exception {
        return postRaw(url, contentType, body, Map.of()).statusCode();
    }

    /** For HTTP bindings' own tests: POSTs a body as it is, with extra headers; the whole response. */
    protected java.net.http.HttpResponse<String> postRaw(String url, String contentType, String body,
                                                         Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return rawHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP client of {@link #postRaw}; a TLS subclass gives one that trusts its server. */
    protected java.net.http.HttpClient rawHttpClient() {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    }

    /** The suite's server. */
    protected Server server() {
        return server;
    }

    /** Polls until {@code condition} holds or 10 s pass. */
    protected static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
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

    // --- throttling --------------------------------------------------------------------------------------

    /**
     * Ten times what a throttled service takes (2 calls running, 2 waiting) arrives at once: calls wait for a slot, the
     * rest are refused at once with the typed busy fault, the service never runs or queues more than its limits, the
     * host does not add a thread per waiting call, and once the load stops it serves as before.
     */
    @Test
    void overload_tenTimesWhatTheServiceTakes_isQueuedThenRefusedTyped_andTheServiceServesOn() throws Exception {
        Assumptions.assumeTrue(server().host() != null, "the suite's server is not the test's to configure");
        int running = 2;
        int waiting = 2;
        int callers = 10 * (running + waiting);
        Server throttled = startServer("throttled", new ConformanceServiceImpl(), new BehaviorConfig("throttled", null,
                new ThrottlingConfig(running, waiting, Duration.ofSeconds(5)), Duration.ofSeconds(10)));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(callers, callers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        pool.prestartAllCoreThreads();
        try (ChannelFactory<ConformanceService> f = newFactory(throttled.clientAddress(), Duration.ofSeconds(20))) {
            ConformanceService proxy = f.createChannel();
            assertThat(proxy.echo("warm")).isEqualTo("warm");   // the connection made before the burst
            int threadsBefore = Thread.activeCount();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return proxy.slow(300);
                    } catch (ServiceException e) {
                        return e.code().name() + ": " + e.getMessage();
                    }
                }));
            }
            int maxRunning = 0;
            int maxWaiting = 0;
            int maxThreads = threadsBefore;
            go.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (results.stream().anyMatch(r -> !r.isDone()) && System.nanoTime() < until) {
                maxRunning = Math.max(maxRunning, throttled.host().runningCalls());
                maxWaiting = Math.max(maxWaiting, throttled.host().queuedCalls());
                maxThreads = Math.max(maxThreads, Thread.activeCount());
                Thread.sleep(2);
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> r : results) {
                outcomes.add(r.get(1, TimeUnit.SECONDS));
            }
            long served = outcomes.stream().filter("slept 300"::equals).count();
            long busy = outcomes.stream().filter(o -> o.startsWith("RESOURCE_EXHAUSTED: ")).count();
            assertThat(served + busy).as("every call served or refused as busy: %s", outcomes).isEqualTo(callers);
            if (holdsExcessCallsInAQueue()) {
                assertThat(served).as("the queue held the excess until the service took it").isEqualTo(callers);
            } else {
                assertThat(served).as("those running and those that waited for a slot were served").isGreaterThanOrEqualTo(running + waiting);
                assertThat(busy).as("the rest refused").isGreaterThanOrEqualTo(callers / 2);
            }
            assertThat(maxRunning).as("calls running at once").isLessThanOrEqualTo(running);
            assertThat(maxWaiting).as("calls waiting at once").isLessThanOrEqualTo(waiting);
            // a connection may take a thread of the server's (HTTP), a waiting or refused call takes none of its own
            assertThat(maxThreads - threadsBefore).as("threads added during the burst").isLessThanOrEqualTo(callers + 16);
            long t0 = System.nanoTime();
            assertThat(proxy.echo("after")).isEqualTo("after");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("served at once after the load").isLessThan(Duration.ofSeconds(2));
        } finally {
            pool.shutdownNow();
            stopServer(throttled);
        }
    }

    // --- request-reply -----------------------------------------------------------------------------------

    @Test
    void clientWireTap_getsTheRequestAsSentAndTheReplyAsReceived() {
        Assumptions.assumeTrue(hasAWire(), "the binding has no wire");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<io.wcf4j.spi.EndpointInfo> endpoints = java.util.Collections.synchronizedList(new ArrayList<>());
        io.wcf4j.spi.WireTap tap = new io.wcf4j.spi.WireTap() {
            @Override
            public boolean isEnabled(io.wcf4j.spi.EndpointInfo endpoint) {
                return true;
            }

            @Override
            public int maxBytes() {
                return 64 * 1024;
            }

            @Override
            public void message(io.wcf4j.spi.EndpointInfo endpoint, Direction direction, String kind, String contentType,
                                byte[] payload, long length) {
                endpoints.add(endpoint);
                seen.add(direction + " " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        try (ChannelFactory<ConformanceService> f = newFactoryBuilder(server.clientAddress(), Duration.ofSeconds(20))
                .wireTap(tap).build()) {
            assertThat(f.createChannel().echo("tapped <&> é")).isEqualTo("tapped <&> é");
        }
        assertThat(seen).as("what the tap saw").anySatisfy(m -> assertThat(m).startsWith("SENT ").contains("tapped"))
                .anySatisfy(m -> assertThat(m).startsWith("RECEIVED ").contains("tapped"));
        assertThat(endpoints).allSatisfy(e -> {
            assertThat(e.name()).isEqualTo(io.wcf4j.spi.EndpointAddress.parse(server.clientAddress()).toString());
            assertThat(e.service()).isEqualTo(io.wcf4j.model.ContractDescription.of(ConformanceService.class).name());
        });
        // the suite's own client has no tap, and calls on it are not seen
        int before = seen.size();
        client.echo("untapped");
        assertThat(seen).hasSize(before);
    }

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

    /** A server may be hostile too: a reply over the client's own limit fails that call, typed, and is read no further. */
    @Test
    void replyOverTheClientsLimit_isRefusedTyped() {
        Assumptions.assumeTrue(supportsMessageSizeLimit(), "binding does not enforce a message size limit");
        String big = "z".repeat(MESSAGE_LIMIT / 4);
        try (ChannelFactory<ConformanceService> small = newFactoryBuilder(server.clientAddress(), Duration.ofSeconds(10))
                .setting("max-received-message-size", MESSAGE_LIMIT / 16).build()) {
            ConformanceService c = small.createChannel();
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> c.echo(big));
            assertThat(e).as("a reply over the client's limit must fail the call").isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.MESSAGE_TOO_LARGE);
            assertThat(c.echo("small replies still come")).isEqualTo("small replies still come");
        }
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
    void aCallerThatGivesUp_cancelsTheOperationRunningForIt_andTheChannelServesOn() throws Exception {
        Assumptions.assumeTrue(supportsCancellation(), "the binding cannot tell a service that its caller gave up");
        int started = service.slowStarted.get();
        int cancelled = service.slowCancelled.get();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.slow(8_000);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        await("the slow call started", () -> service.slowStarted.get() > started);
        caller.interrupt();   // how a Java caller gives up on a blocking call
        caller.join(10_000);
        assertThat(thrown.get()).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) thrown.get()).code()).isEqualTo(FaultCode.CANCELLED);
        await("the operation saw its call cancelled and stopped", () -> service.slowCancelled.get() > cancelled);
        assertThat(client.echo("after a cancel")).isEqualTo("after a cancel");
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

    // --- context: the pipeline around the call, on every wire ---------------------------------------------

    @Test
    void context_metadataRoundTripsBothWays() {
        String token = "v" + System.nanoTime();
        MetadataSender sender = new MetadataSender(Map.of(ConformanceBehaviors.ECHO, token, "x-custom-header", "hello there"));
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), sender)) {
            CallInfo info = f.createChannel().callInfo("x-custom-header");
            assertThat(info.getMetadataValue()).as("a custom header reached the service").isEqualTo("hello there");
            assertThat(sender.lastResponse.get(ConformanceBehaviors.ECHOED))
                    .as("response metadata a behavior attached reached the client").isEqualTo(token);
        }
    }

    @Test
    void context_deadlineArrivesAsTheCallersRemainingTime() {
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(7))) {
            long left = f.createChannel().callInfo(null).getRemainingMillis();
            assertThat(left).as("the service sees the caller's send timeout as its deadline").isBetween(1L, 7000L);
        }
    }

    @Test
    void context_deadlinePropagatesAcrossHops() {
        // the service calls on through a channel of its own whose send timeout is far longer than its caller's
        try (ChannelFactory<ConformanceService> downstream = newFactory(server.clientAddress(), Duration.ofSeconds(60));
             ChannelFactory<ConformanceService> upstream = newFactory(server.clientAddress(), Duration.ofSeconds(6))) {
            service.downstream = downstream.createChannel();
            long left = upstream.createChannel().relayRemainingMillis();
            assertThat(left).as("the second hop's deadline is the first caller's, not its own send timeout")
                    .isBetween(1L, 6000L);
        } finally {
            service.downstream = null;
        }
    }

    @Test
    void context_traceparentArrives() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        MetadataSender sender = new MetadataSender(Map.of(CallMetadata.TRACEPARENT, traceparent));
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), sender)) {
            assertThat(f.createChannel().callInfo(CallMetadata.TRACEPARENT).getMetadataValue()).isEqualTo(traceparent);
        }
    }

    @Test
    void context_endpointBindingAndPeerArrive() {
        CallInfo info = client.callInfo(null);
        assertThat(info.getEndpoint()).isEqualTo(server.endpointName());
        assertThat(info.getBinding()).isEqualTo(bindingType());
        if (supportsRemoteAddress()) {
            assertThat(info.getRemoteAddress()).as("the peer's address").isNotBlank();
        }
    }

    @Test
    void context_aClientCannotClaimAnIdentity() {
        MetadataSender spoofer = new MetadataSender(Map.of("principal", "admin", "x-remote-user", "admin",
                "remote-user", "admin", "x-forwarded-user", "admin"));
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), spoofer)) {
            CallInfo info = f.createChannel().callInfo("principal");
            assertThat(info.getPrincipal()).as("no credential was sent: the call is anonymous, or the transport's")
                    .isEqualTo(transportPrincipal());
            assertThat(info.getVerifiedPrincipal()).as("nothing the client wrote is a verified identity").isNotEqualTo("admin");
            if (transportPrincipal() == null) {
                assertThat(info.getVerifiedPrincipal()).isNull();
            }
        }
    }

    @Test
    void context_admitRefusalCrossesTheWireTyped() {
        MetadataSender refused = new MetadataSender(Map.of(ConformanceBehaviors.REFUSE, "test"));
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), refused)) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
            assertThat(e).as("the admit phase refused the call").isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("refused by the admit phase: test");
            assertThat(refused.lastResponse.get(ConformanceBehaviors.REFUSED_BY))
                    .as("the refusal's response metadata reached the client").isEqualTo("admit");
        }
    }

    @Test
    void context_admitRefusalOfAOneWayCallReachesTheCaller() throws InterruptedException {
        Assumptions.assumeTrue(oneWayRefusalsReachTheCaller(), "the binding acknowledges one-way calls before the service sees them");
        String token = "refused-" + System.nanoTime();
        MetadataSender refused = new MetadataSender(Map.of(ConformanceBehaviors.REFUSE, "one-way"));
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), refused)) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().fireAndForget(token));
            assertThat(e).as("a one-way call refused in the admit phase is not acknowledged").isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.PERMISSION_DENIED);
        }
        client.fireAndForget("after-" + token);
        String t;
        while ((t = service.oneWayTokens.poll(10, TimeUnit.SECONDS)) != null && !t.equals("after-" + token)) {
            assertThat(t).as("the refused call never ran").isNotEqualTo(token);
        }
        assertThat(t).as("a later one-way call still runs").isEqualTo("after-" + token);
    }

    @Test
    void context_observePhaseSeesTheFinalOutcome() throws InterruptedException {
        catchThrowableOfType(ConformanceFaultException.class, () -> client.failDeclared("OBS"));
        catchThrowableOfType(ServiceException.class, () -> client.validatePositive(-5));
        String service = behaviorsServiceName();
        await("the observe phase saw the declared fault and the error, after mapping",
                () -> behaviors().observed.contains(service + "/failDeclared=ConformanceFault")
                        && behaviors().observed.contains(service + "/validatePositive=INVALID_ARGUMENT"));
    }

    @Test
    void context_observePhaseSeesRefusalsMadeBeforeDispatch() throws Exception {
        int before = refusalsOfThisEndpoint().size();
        sendMalformedRequest(server.clientAddress());
        await("the observe phase heard of the request refused before dispatch", () -> refusalsOfThisEndpoint().size() > before);
        Refusal r = refusalsOfThisEndpoint().get(refusalsOfThisEndpoint().size() - 1);
        assertThat(r.outcome().kind()).isEqualTo(Outcome.Kind.ERROR);
        assertThat(r.context().bindingType()).isEqualTo(bindingType());
        assertThat(client.echo("still serving")).isEqualTo("still serving");
    }

    private List<Refusal> refusalsOfThisEndpoint() {
        return behaviors().refusals.stream().filter(r -> r.context().endpointName().equals(server.endpointName())).toList();
    }

    /** The service name the suite's server runs under ("conformance" unless a host names it otherwise). */
    protected String behaviorsServiceName() {
        return "conformance";
    }

    @Test
    void context_callbacksPassThroughBehaviorsOnBothSides() throws Exception {
        Assumptions.assumeTrue(supportsDuplex(), "the binding carries no callbacks");
        ConformanceBehaviors hostBehaviors = new ConformanceBehaviors();
        ServiceHost duplexHost = ServiceHost.builder(ConformanceDuplex.class).name("duplex")
                .implementation(new ConformanceDuplexImpl())
                .endpoint(null, serverAddress("duplex"), serverBinding())
                .clientBehavior(hostBehaviors.callbackMarker())
                .build();
        duplexHost.open();
        List<String> received = new CopyOnWriteArrayList<>();
        DispatchBehavior clientSide = DispatchBehavior.of(Phase.OBSERVE, (invocation, next) -> {
            Duration left = invocation.context().timeRemaining();
            received.add(invocation.operation().name() + " mark=" + invocation.context().metadata().get(ConformanceBehaviors.CALLBACK_MARK)
                    + " deadline=" + (left != null && !left.isNegative() && left.toMillis() <= 5000));
            return next.proceed(invocation);
        });
        ConformanceCallback callback = new ConformanceCallback() {
            @Override
            public String pong(String text) {
                received.add("ponged " + text);
                return "pong:" + text;
            }

            @Override
            public void notice(String text) {
                received.add("noticed " + text);
            }
        };
        try (ChannelFactory<ConformanceDuplex> f = ChannelFactory.builder(ConformanceDuplex.class)
                .address(clientAddress(duplexHost.endpoints().get(0).address()))
                .binding(BindingConfig.of(bindingType(), bindingSettings())).setting("send-timeout", "5s")
                .callback(callback).callbackBehavior(clientSide).build()) {
            assertThat(f.createChannel().ping("x")).isEqualTo("pong:x");
            await("the one-way callback ran", () -> received.contains("noticed x"));
            assertThat(hostBehaviors.callbacksSent).as("the host's client behaviors ran on its callbacks")
                    .containsExactly("notice", "pong");
            assertThat(received).as("the client's dispatch behaviors ran on the callbacks it received, with the "
                    + "host's metadata and a deadline no later than the call they were made from")
                    .contains("notice mark=notice deadline=true", "pong mark=pong deadline=true");
            assertThat(received.indexOf("noticed x")).as("callbacks run in the order the service sent them: %s", received)
                    .isLessThan(received.indexOf("ponged x"));
        } finally {
            duplexHost.close(Duration.ofSeconds(5));
        }
    }

    // --- security: one principal, whatever the wire ---------------------------------------------------------

    /** Calls {@code body} and returns the framework error it failed with (failing the test if it did not). */
    private static ServiceException refusal(Runnable body) {
        ServiceException e = catchThrowableOfType(ServiceException.class, body::run);
        assertThat(e).as("the call was refused").isNotNull();
        return e;
    }

    @Test
    void security_anonymousCallerOfAGuardedOperation_isUnauthenticated() {
        if (transportPrincipal() != null) {
            assertThat(client.whoAmI()).as("the transport authenticated the peer").isEqualTo(transportPrincipal());
        } else {
            assertThat(refusal(client::whoAmI).code()).isEqualTo(FaultCode.UNAUTHENTICATED);
        }
        assertThat(client.echo("open")).as("an unguarded operation stays open to anonymous callers").isEqualTo("open");
    }

    @Test
    void security_wrongPasswordOrUnknownUser_isUnauthenticated_andTellsNothingMore() {
        for (ClientBehavior wrong : List.of(
                io.wcf4j.ClientCredentials.userName(ConformanceSecurity.USER, "not-the-password".toCharArray()),
                io.wcf4j.ClientCredentials.userName("no-such-user", ConformanceSecurity.USER_PASSWORD.toCharArray()),
                new MetadataSender(Map.of(CallMetadata.AUTHORIZATION, "Basic !!not-base64!!")),
                new MetadataSender(Map.of(CallMetadata.AUTHORIZATION, "Digest username=\"x\"")))) {
            try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), wrong)) {
                ConformanceService c = f.createChannel();
                ServiceException e = refusal(c::whoAmI);
                assertThat(e.code()).as(wrong.toString()).isEqualTo(FaultCode.UNAUTHENTICATED);
                assertThat(e.getMessage()).contains("authentication failed")
                        .doesNotContain(ConformanceSecurity.USER, "no-such-user", "password", ConformanceSecurity.USER_PASSWORD);
                assertThat(refusal(() -> c.echo("x")).code()).as("a wrong credential is refused even where none is needed")
                        .isEqualTo(FaultCode.UNAUTHENTICATED);
            }
        }
    }

    @Test
    void security_theServiceSeesTheAuthenticatedPrincipal() {
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), ConformanceSecurity.alice())) {
            ConformanceService c = f.createChannel();
            assertThat(c.whoAmI()).isEqualTo(ConformanceSecurity.USER);
            assertThat(c.callInfo(null).getPrincipal()).isEqualTo(ConformanceSecurity.USER);
        }
    }

    @Test
    void security_aCallerWithoutTheRole_isDenied_andOneWithIt_isAllowed() {
        try (ChannelFactory<ConformanceService> alice = newFactory(server.clientAddress(), Duration.ofSeconds(20), ConformanceSecurity.alice());
             ChannelFactory<ConformanceService> root = newFactory(server.clientAddress(), Duration.ofSeconds(20), ConformanceSecurity.root())) {
            ServiceException e = refusal(() -> alice.createChannel().adminEcho("x"));
            assertThat(e.code()).isEqualTo(FaultCode.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("access denied").doesNotContain(ConformanceSecurity.ADMIN);
            assertThat(root.createChannel().adminEcho("as root")).isEqualTo("as root");
        }
    }

    @Test
    void security_concurrentCallersOnOneChannel_neverSeeEachOthersPrincipal() throws Exception {
        ThreadLocal<ClientBehavior> credentials = new ThreadLocal<>();
        ClientBehavior perThread = new ClientBehavior() {
            @Override
            public int order() {
                return io.wcf4j.ClientCredentials.ORDER - 1;   // before any default credential
            }

            @Override
            public Object invoke(ClientCall call, Next next) throws Exception {
                return credentials.get().invoke(call, next);
            }
        };
        try (ChannelFactory<ConformanceService> f = newFactory(server.clientAddress(), Duration.ofSeconds(20), perThread)) {
            ConformanceService shared = f.createChannel();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    boolean asRoot = t % 2 == 0;
                    results.add(pool.submit(() -> {
                        credentials.set(asRoot ? ConformanceSecurity.root() : ConformanceSecurity.alice());
                        List<String> seen = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            seen.add(shared.whoAmI());
                        }
                        return seen;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    String expected = t % 2 == 0 ? ConformanceSecurity.ADMIN_USER : ConformanceSecurity.USER;
                    assertThat(results.get(t).get(60, TimeUnit.SECONDS)).as("thread " + t).hasSize(25).containsOnly(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
