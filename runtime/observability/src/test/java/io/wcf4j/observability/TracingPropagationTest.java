package io.wcf4j.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.jms.EmbeddedArtemis;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceCallback;
import io.wcf4j.conformance.ConformanceDuplex;
import io.wcf4j.conformance.ConformanceDuplexImpl;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace continues where the call does not run on the receiving thread: a one-way call (run later, on the
 * service's executor), a SOAP/JMS message retried after a failure (the trace context travels in its properties), and
 * callbacks (the host's outgoing call and the client's handling of it).
 */
class TracingPropagationTest {
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final OpenTelemetrySdk OTEL = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    static EmbeddedArtemis broker;

    /** Records the trace current in the operation; fails the first delivery of a token starting "fail-once". */
    public static final class Recording extends ConformanceServiceImpl {
        final BlockingQueue<String> traceIds = new LinkedBlockingQueue<>();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void fireAndForget(String token) {
            traceIds.add(Span.current().getSpanContext().getTraceId());
            if (token.startsWith("fail-once") && failures.getAndIncrement() == 0) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "not now");
            }
            super.fireAndForget(token);
        }
    }

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-trace-artemis-"), "none");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aOneWayCall_runsInsideItsCallersTrace() throws Exception {
        runOneWay("net-tcp", "net.tcp://127.0.0.1:0/trace-oneway", Map.of(), "plain");
    }

    @Test
    void aSoapJmsMessageRetriedAfterAFailure_staysInItsCallersTrace() throws Exception {
        runOneWay("soap-jms", "jms:queue:trace-retry", Map.of("url", broker.inVmUrl(), "redelivery-delay", "100ms"), "fail-once");
    }

    private void runOneWay(String binding, String address, Map<String, Object> settings, String token) throws Exception {
        Recording service = new Recording();
        ServiceHost.Builder<ConformanceService> b = ServiceHost.builder(ConformanceService.class).name("trace-" + binding)
                .implementation(service).endpoint(null, address, BindingConfig.of(binding, settings));
        new CallTracing(OTEL).behaviors().forEach(b::dispatchBehavior);
        ServiceHost host = b.build();
        host.open();
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class)
                .address(host.endpoints().get(0).address().toString().replace("://0.0.0.0", "://127.0.0.1"))
                .binding(BindingConfig.of(binding, settings)).behavior(new ClientCallTracing(OTEL)).build()) {
            SPANS.reset();
            f.createChannel().fireAndForget(token + "-" + System.nanoTime());
            int runs = token.startsWith("fail-once") ? 2 : 1;
            String clientTrace = await(() -> only(SpanKind.CLIENT, "fireAndForget").getTraceId());
            for (int i = 0; i < runs; i++) {
                assertThat(service.traceIds.poll(10, TimeUnit.SECONDS)).as("run %d", i + 1).isEqualTo(clientTrace);
            }
            await(() -> servers("fireAndForget").size() == runs ? Boolean.TRUE : null);
            assertThat(servers("fireAndForget")).allSatisfy(s -> {
                assertThat(s.getTraceId()).isEqualTo(clientTrace);
                assertThat(s.getParentSpanId()).isEqualTo(only(SpanKind.CLIENT, "fireAndForget").getSpanId());
            });
        } finally {
            host.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void callbacks_areSpansOfTheCallTheyWereMadeFrom_onBothSides() throws Exception {
        ServiceHost.Builder<ConformanceDuplex> b = ServiceHost.builder(ConformanceDuplex.class).name("trace-duplex")
                .implementation(new ConformanceDuplexImpl())
                .endpoint(null, "net.tcp://127.0.0.1:0/trace-duplex", BindingConfig.of("net-tcp"))
                .clientBehavior(new ClientCallTracing(OTEL));
        new CallTracing(OTEL).behaviors().forEach(b::dispatchBehavior);
        ServiceHost host = b.build();
        host.open();
        BlockingQueue<String> noticed = new LinkedBlockingQueue<>();
        ConformanceCallback callback = new ConformanceCallback() {
            @Override
            public String pong(String text) {
                return "pong:" + text;
            }

            @Override
            public void notice(String text) {
                noticed.add(Span.current().getSpanContext().getTraceId());
            }
        };
        ChannelFactory.Builder<ConformanceDuplex> fb = ChannelFactory.builder(ConformanceDuplex.class)
                .address(host.endpoints().get(0).address().toString().replace("://0.0.0.0", "://127.0.0.1"))
                .binding(BindingConfig.of("net-tcp")).callback(callback).behavior(new ClientCallTracing(OTEL));
        new CallTracing(OTEL).behaviors().forEach(fb::callbackBehavior);
        try (ChannelFactory<ConformanceDuplex> f = fb.build()) {
            SPANS.reset();
            assertThat(f.createChannel().ping("x")).isEqualTo("pong:x");
            String trace = await(() -> only(SpanKind.CLIENT, "ping").getTraceId());
            assertThat(noticed.poll(10, TimeUnit.SECONDS)).as("the one-way callback ran in the trace").isEqualTo(trace);
            SpanData pingServer = await(() -> only(SpanKind.SERVER, "ping"));
            for (String callbackOperation : List.of("pong", "notice")) {
                SpanData sent = await(() -> only(SpanKind.CLIENT, callbackOperation));
                SpanData handled = await(() -> only(SpanKind.SERVER, callbackOperation));
                assertThat(sent.getName()).isEqualTo("ConformanceCallback/" + callbackOperation);
                assertThat(sent.getParentSpanId()).as("the host's callback is a child of the call it serves").isEqualTo(pingServer.getSpanId());
                assertThat(handled.getParentSpanId()).as("the client's handling is a child of the host's callback").isEqualTo(sent.getSpanId());
                assertThat(handled.getTraceId()).isEqualTo(trace);
            }
        } finally {
            host.close(Duration.ofSeconds(5));
        }
    }

    private static List<SpanData> servers(String operation) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && operation.equals(s.getAttributes().get(CallTracing.RPC_METHOD))).toList();
    }

    private static SpanData only(SpanKind kind, String operation) {
        List<SpanData> found = SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind && operation.equals(s.getAttributes().get(CallTracing.RPC_METHOD))).toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    private static <T> T await(java.util.function.Supplier<T> value) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try {
                T v = value.get();
                if (v != null) {
                    return v;
                }
            } catch (NullPointerException notYet) {
                // the span is not there yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 10 s; spans: " + SPANS.getFinishedSpanItems());
    }
}
