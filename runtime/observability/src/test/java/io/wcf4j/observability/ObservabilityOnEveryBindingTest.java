package io.wcf4j.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.jms.EmbeddedArtemis;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.CallInfo;
import io.wcf4j.conformance.ConformanceFaultException;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.WireTap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Metrics, traces and the message log, over the wire on every binding: one host per binding, each with the same
 * observe-phase behaviors, called through proxies with the client behaviors.
 */
class ObservabilityOnEveryBindingTest {
    static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final OpenTelemetrySdk OTEL = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    static final ListAppender<ILoggingEvent> MESSAGES = new ListAppender<>();
    static final MessageMasking MASKING = new MessageMasking(Set.of("code"), List.of("ACC-[0-9]{6}"));
    static final TransportMessageLog TRANSPORT_LOG = new TransportMessageLog(MASKING, 4096, Set.of());
    static final List<HostResources> RESOURCES = new ArrayList<>();

    static EmbeddedArtemis broker;
    static Path pipes;
    /** Binding type → [host, client address]. */
    static final Map<String, ServiceHost> HOSTS = new LinkedHashMap<>();
    static final Map<String, String> ADDRESSES = new LinkedHashMap<>();
    static final Map<String, Relay> SERVICES = new LinkedHashMap<>();
    static final List<ChannelFactory<?>> FACTORIES = new ArrayList<>();

    /** Forwards callInfo to a downstream service when it has one: the hops of the trace test. */
    public static final class Relay extends ConformanceServiceImpl {
        volatile ConformanceService forward;

        @Override
        public CallInfo callInfo(String metadataKey) {
            ConformanceService next = forward;
            return next == null ? super.callInfo(metadataKey) : next.callInfo(metadataKey);
        }
    }

    @BeforeAll
    static void startHosts() throws Exception {
        broker = EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-obs-artemis-"), "none");
        pipes = Files.createTempDirectory("wcf4j-obs-pipes-");
        // every service's message log lines, here only (before the hosts open: the transport log asks then)
        ch.qos.logback.classic.Logger messages = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("wcf4j.messages");
        messages.setLevel(Level.INFO);
        messages.setAdditive(false);
        MESSAGES.start();
        messages.addAppender(MESSAGES);
        start("rest-json", "http://127.0.0.1:0/api/obs");
        start("soap-http", "http://127.0.0.1:0/services/obs");
        start("net-tcp", "net.tcp://127.0.0.1:0/obs");
        start("net-pipe", "net.pipe://" + pipes.resolve("obs.sock"));
        start("soap-jms", "jms:queue:obs");
        start("grpc", "grpc://127.0.0.1:0");
    }

    private static void start(String binding, String address) {
        Relay service = new Relay();
        HostResources resources = new HostResources();
        resources.put(WireTap.class, TRANSPORT_LOG);
        RESOURCES.add(resources);
        ServiceHost.Builder<ConformanceService> b = ServiceHost.builder(ConformanceService.class).name("obs-" + binding)
                .implementation(service)
                .resources(resources)
                .endpoint(null, address, BindingConfig.of(binding, settings(binding)))
                .dispatchBehavior(new CallMetrics(METERS))
                .dispatchBehavior(new MessageLog(MASKING, 2_000))
                .clientBehavior(new ClientCallTracing(OTEL));
        new CallTracing(OTEL).behaviors().forEach(b::dispatchBehavior);
        ServiceHost host = b.build();
        host.open();
        HOSTS.put(binding, host);
        SERVICES.put(binding, service);
        ADDRESSES.put(binding, host.endpoints().get(0).address().toString().replace("://0.0.0.0", "://127.0.0.1"));
        HostMetrics.bind(METERS, host);
    }

    private static Map<String, Object> settings(String binding) {
        return binding.equals("soap-jms") ? Map.of("url", broker.inVmUrl()) : Map.of();
    }

    static ConformanceService proxy(String binding) {
        ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class)
                .address(ADDRESSES.get(binding)).binding(BindingConfig.of(binding, settings(binding)))
                .setting("send-timeout", "20s")
                .behavior(new ClientCallMetrics(METERS))
                .behavior(new ClientCallTracing(OTEL))
                .build();
        FACTORIES.add(f);
        return f.createChannel();
    }

    @AfterAll
    static void stopHosts() {
        FACTORIES.forEach(ChannelFactory::close);
        HOSTS.values().forEach(h -> h.close(Duration.ofSeconds(5)));
        RESOURCES.forEach(HostResources::close);
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest-json", "soap-http", "net-tcp", "net-pipe", "soap-jms", "grpc"})
    void everyCallIsTimedWithItsOutcome_onServerAndClient(String binding) {
        ConformanceService service = proxy(binding);
        String name = "obs-" + binding;
        // other tests call these hosts too: count from here
        double echoes = serverCount(name, "echo", binding, "OK");
        double declared = serverCount(name, "failDeclared", binding, "ConformanceFault");
        double undeclared = serverCount(name, "failUndeclared", binding, "INTERNAL");
        double clientEchoes = clientCount("echo", binding, "OK");
        double clientDeclared = clientCount("failDeclared", binding, "ConformanceFault");
        double clientUndeclared = clientCount("failUndeclared", binding, "INTERNAL");
        assertThat(service.echo("one")).isEqualTo("one");
        assertThat(service.echo("two")).isEqualTo("two");
        assertThatThrownBy(() -> service.failDeclared("x")).isInstanceOf(ConformanceFaultException.class);
        assertThatThrownBy(() -> service.failUndeclared("x")).isInstanceOf(ServiceException.class);

        assertThat(serverCount(name, "echo", binding, "OK") - echoes).isEqualTo(2);
        assertThat(serverCount(name, "failDeclared", binding, "ConformanceFault") - declared).isEqualTo(1);
        assertThat(serverCount(name, "failUndeclared", binding, "INTERNAL") - undeclared).isEqualTo(1);
        assertThat(clientCount("echo", binding, "OK") - clientEchoes).isEqualTo(2);
        assertThat(clientCount("failDeclared", binding, "ConformanceFault") - clientDeclared).isEqualTo(1);
        assertThat(clientCount("failUndeclared", binding, "INTERNAL") - clientUndeclared).isEqualTo(1);
        Timer echo = METERS.find(CallMetrics.SERVER_CALLS).tags("service", name, "operation", "echo").timer();
        assertThat(echo.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        // the throttle's gauges exist per service and read an idle host as idle
        assertThat(METERS.find(HostMetrics.RUNNING).tag("service", name).gauge().value()).isZero();
        assertThat(METERS.find(HostMetrics.QUEUED).tag("service", name).gauge().value()).isZero();
        // what the binding keeps of its endpoint
        if (binding.startsWith("net-")) {
            assertThat(endpointFigure(name, "connections")).isGreaterThanOrEqualTo(1);
            assertThat(endpointFigure(name, "bytes.received")).isGreaterThan(100);
            assertThat(endpointFigure(name, "bytes.sent")).isGreaterThan(100);
        } else if (binding.equals("soap-jms")) {
            assertThat(endpointFigure(name, "messages.delivered")).isGreaterThanOrEqualTo(4);
            assertThat(endpointFigure(name, "messages.dead-lettered")).isZero();
            assertThat(endpointFigure(name, "dead-letter.depth")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest-json", "soap-http", "net-tcp", "net-pipe", "soap-jms", "grpc"})
    void aDeclaredFaultLogsNoWarning_anUndeclaredFailureIsOneErrorWithTheReferenceTheCallerSaw(String binding) {
        ConformanceService service = proxy(binding);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            assertThatThrownBy(() -> service.failDeclared("x")).isInstanceOf(ConformanceFaultException.class);
            assertThat(snapshot(log)).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
            ServiceException undeclared = org.assertj.core.api.Assertions.catchThrowableOfType(ServiceException.class,
                    () -> service.failUndeclared("x"));
            var reference = java.util.regex.Pattern.compile("reference ([0-9a-f]{8})").matcher(undeclared.getMessage());
            assertThat(reference.find()).as(undeclared.getMessage()).isTrue();
            assertThat(snapshot(log)).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains(reference.group(1));
                assertThat(e.getThrowableProxy()).isNotNull();
            });
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void aMessageRefusedBeforeDispatch_isCountedWithoutTheCallersOperationName() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = ADDRESSES.get("rest-json");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/made-up-" + System.nanoTime()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);

        assertThat(METERS.find(CallMetrics.SERVER_REFUSALS).tags("service", "obs-rest-json", "operation", "echo",
                "outcome", "INVALID_ARGUMENT").counter().count()).isEqualTo(1);
        assertThat(METERS.find(CallMetrics.SERVER_REFUSALS).tags("service", "obs-rest-json").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("operation")).isIn("echo", "unknown"));
    }

    @Test
    void oneTrace_acrossRest_netTcp_andSoapJms() throws Exception {
        SERVICES.get("rest-json").forward = proxyFromService("net-tcp");
        SERVICES.get("net-tcp").forward = proxyFromService("soap-jms");
        try {
            SPANS.reset();
            proxy("rest-json").callInfo("traceparent");
            await(() -> SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().endsWith("/callInfo")).count() == 6);
        } finally {
            SERVICES.get("rest-json").forward = null;
            SERVICES.get("net-tcp").forward = null;
        }
        List<SpanData> spans = SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().endsWith("/callInfo")).toList();
        assertThat(spans).extracting(SpanData::getTraceId).containsOnly(spans.get(0).getTraceId());
        // client → server (rest) → client → server (tcp) → client → server (jms): each the parent of the next
        SpanData root = only(spans, SpanKind.CLIENT, "rest-json");
        assertThat(root.getParentSpanContext().isValid()).isFalse();
        SpanData restServer = only(spans, SpanKind.SERVER, "rest-json");
        SpanData tcpClient = only(spans, SpanKind.CLIENT, "net-tcp");
        SpanData tcpServer = only(spans, SpanKind.SERVER, "net-tcp");
        SpanData jmsClient = only(spans, SpanKind.CLIENT, "soap-jms");
        SpanData jmsServer = only(spans, SpanKind.SERVER, "soap-jms");
        assertThat(restServer.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(tcpClient.getParentSpanId()).isEqualTo(restServer.getSpanId());
        assertThat(tcpServer.getParentSpanId()).isEqualTo(tcpClient.getSpanId());
        assertThat(jmsClient.getParentSpanId()).isEqualTo(tcpServer.getSpanId());
        assertThat(jmsServer.getParentSpanId()).isEqualTo(jmsClient.getSpanId());
        assertThat(jmsServer.getName()).isEqualTo("Conformance/callInfo");
        assertThat(jmsServer.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey() + "=" + e.getValue())
                .contains("rpc.system=wcf4j", "rpc.service=Conformance", "rpc.method=callInfo", "wcf4j.outcome=OK",
                        "wcf4j.service=obs-soap-jms");
    }

    @Test
    void spanStatus_isErrorForTheServicesFailure_notForADeclaredFault() throws Exception {
        ConformanceService tcp = proxy("net-tcp");
        SPANS.reset();
        assertThatThrownBy(() -> tcp.failDeclared("x")).isInstanceOf(ConformanceFaultException.class);
        assertThatThrownBy(() -> tcp.failUndeclared("x")).isInstanceOf(ServiceException.class);
        await(() -> SPANS.getFinishedSpanItems().size() == 4);
        List<SpanData> spans = SPANS.getFinishedSpanItems();
        assertThat(only(spans, SpanKind.SERVER, "net-tcp", "failDeclared").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(only(spans, SpanKind.CLIENT, "net-tcp", "failDeclared").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(only(spans, SpanKind.SERVER, "net-tcp", "failUndeclared").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void theMessageLog_writesOneJsonLinePerCall_withMaskedFields() throws Exception {
        ConformanceService rest = proxy("rest-json");
        clearMessages();
        rest.echo("pay to ACC-123456 today");
        assertThatThrownBy(() -> rest.failDeclared("hidden-code")).isInstanceOf(ConformanceFaultException.class);
        assertThatThrownBy(() -> rest.failUndeclared("top-secret-value")).isInstanceOf(ServiceException.class);
        await(() -> lines("obs-rest-json", "service").size() == 3);
        List<String> lines = lines("obs-rest-json", "service");
        assertThat(String.join("\n", lines)).doesNotContain("123456", "hidden-code", "top-secret-value");
        var json = io.wcf4j.databind.DataContractMapper.json();
        var echo = json.readTree(lines.get(0));
        assertThat(echo.get("operation").asString()).isEqualTo("echo");
        assertThat(echo.get("binding").asString()).isEqualTo("rest-json");
        assertThat(echo.get("outcome").asString()).isEqualTo("OK");
        assertThat(echo.get("arguments").get("text").asString()).isEqualTo("pay to *** today");
        assertThat(echo.get("result").asString()).isEqualTo("pay to *** today");
        assertThat(echo.get("durationMicros").asLong()).isNotNegative();
        var declared = json.readTree(lines.get(1));
        assertThat(declared.get("arguments").get("code").asString()).isEqualTo(MessageMasking.MASK);
        assertThat(declared.get("fault").get("name").asString()).isEqualTo("ConformanceFault");
        assertThat(declared.get("fault").get("detail").get("code").asString()).isEqualTo(MessageMasking.MASK);
        var undeclared = json.readTree(lines.get(2));
        assertThat(undeclared.get("arguments").get("secret").asString()).isEqualTo(MessageMasking.MASK);
        assertThat(undeclared.get("error").get("code").asString()).isEqualTo("INTERNAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest-json", "soap-http", "net-tcp", "net-pipe", "soap-jms", "grpc"})
    void theTransportLog_hasEachMessageAsOnTheWire_masked(String binding) throws Exception {
        ConformanceService service = proxy(binding);
        String name = "obs-" + binding;
        clearMessages();
        service.echo("pay to ACC-654321 now");
        // a masked field (code) whose value the service also quotes in its fault's message: the pattern catches that
        assertThatThrownBy(() -> service.failDeclared("ACC-111111")).isInstanceOf(ConformanceFaultException.class);
        await(() -> lines(name, "transport").size() >= 4);
        List<String> lines = lines(name, "transport");
        assertThat(String.join("\n", lines)).doesNotContain("654321", "111111");
        var json = io.wcf4j.databind.DataContractMapper.json();
        List<tools.jackson.databind.JsonNode> parsed = new ArrayList<>();
        for (String l : lines) {
            parsed.add(json.readTree(l));
        }
        assertThat(parsed).extracting(n -> n.get("direction").asString()).contains("received", "sent");
        assertThat(parsed).allSatisfy(n -> {
            assertThat(n.get("binding").asString()).isEqualTo(binding);
            assertThat(n.get("length").asLong()).isPositive();
        });
        // the request as the wire carried it: an envelope, a JSON body or a frame's payload, with the pattern masked
        assertThat(parsed).filteredOn(n -> n.get("direction").asString().equals("received"))
                .anySatisfy(n -> assertThat(n.get("body").toString()).contains("pay to *** now"));
        assertThat(parsed).filteredOn(n -> n.get("direction").asString().equals("received"))
                .anySatisfy(n -> assertThat(n.get("body").toString()).containsPattern("code.{0,12}\\*\\*\\*"));
    }

    /** What an appender holds now, copied under the lock it appends under (the bindings log from their own threads). */
    private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Empties the message log's list, under the lock the appender appends under. */
    private static void clearMessages() {
        synchronized (MESSAGES) {
            MESSAGES.list.clear();
        }
    }

    private static List<String> lines(String service, String level) {
        return snapshot(MESSAGES).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(l -> l.contains("\"service\":\"" + service + "\"") && l.contains("\"level\":\"" + level + "\""))
                .toList();
    }

    private static ConformanceService proxyFromService(String binding) {
        ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class)
                .address(ADDRESSES.get(binding)).binding(BindingConfig.of(binding, settings(binding)))
                .setting("send-timeout", "20s")
                .behavior(new ClientCallTracing(OTEL))
                .build();
        FACTORIES.add(f);
        return f.createChannel();
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind, String binding) {
        return spans.stream().filter(s -> s.getKind() == kind && binding.equals(s.getAttributes().get(CallTracing.BINDING)))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + kind + " span on " + binding + ": " + spans);
                }).orElseThrow(() -> new AssertionError("no " + kind + " span on " + binding + ": " + spans));
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind, String binding, String operation) {
        return only(spans.stream().filter(s -> operation.equals(s.getAttributes().get(CallTracing.RPC_METHOD))).toList(), kind, binding);
    }

    private static double endpointFigure(String service, String statistic) {
        var meter = METERS.find(HostMetrics.ENDPOINT_PREFIX + statistic).tag("service", service).meter();
        assertThat(meter).as(statistic + " of " + service).isNotNull();
        return meter.measure().iterator().next().getValue();
    }

    private static double serverCount(String service, String operation, String binding, String outcome) {
        Timer t = METERS.find(CallMetrics.SERVER_CALLS).tags("service", service, "operation", operation, "binding", binding,
                "outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    private static double clientCount(String operation, String binding, String outcome) {
        Timer t = METERS.find(ClientCallMetrics.CLIENT_CALLS).tags("service", "Conformance", "operation", operation,
                "binding", binding, "outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
