package io.wcf4j.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.wcf4j.OperationContext;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A server span per call, on every binding, with OpenTelemetry's RPC conventions: the caller's W3C trace context
 * ({@code traceparent}, {@code tracestate}) is read from the call metadata, which every binding's codec carries in
 * its wire's slot (an HTTP header, a JMS property, a frame header), so this one behavior continues a trace whatever
 * the wire. The span is current while the operation runs, so the calls it makes through wcf4j proxies
 * ({@link ClientCallTracing}) are its children.
 *
 * <p>Two behaviors: this one in the observe phase (it sees the final outcome and the refusals), and {@link #scope()}
 * in the execute phase, which makes the span current again on the thread that runs the operation when that is not
 * the receiving thread (a one-way call, a serial dispatcher). Add both.
 *
 * <p>Span: named {@code <contract>/<operation>}, kind SERVER; attributes {@code rpc.system} = {@code wcf4j},
 * {@code rpc.service} (the contract's name), {@code rpc.method}, {@code wcf4j.service}, {@code wcf4j.binding},
 * {@code wcf4j.outcome}; status ERROR when the service failed ({@code INTERNAL}, {@code UNAVAILABLE},
 * {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}), not for a declared fault or a caller's mistake, as for gRPC
 * server spans. With no SDK installed, OpenTelemetry's API does nothing and costs next to nothing; the Spring Boot
 * host adds these behaviors only when tracing is enabled.
 */
public final class CallTracing implements DispatchBehavior {
    /** After the metrics behavior: the metrics time the span's cost too. */
    public static final int ORDER = CallMetrics.ORDER + 100;
    static final String INSTRUMENTATION = "io.wcf4j";
    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("wcf4j.service");
    static final AttributeKey<String> BINDING = AttributeKey.stringKey("wcf4j.binding");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wcf4j.outcome");
    /** The call's trace context, for the execute phase and for proxies called from the operation on other threads. */
    static final InvocationContext.Key<Context> TRACE_CONTEXT = InvocationContext.Key.of("wcf4j.trace-context");

    private static final TextMapGetter<CallMetadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CallMetadata carrier) {
            return carrier.keys();
        }

        @Override
        public String get(CallMetadata carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public CallTracing(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** This behavior and its execute-phase {@link #scope()}: what a host adds to trace its calls. */
    public List<DispatchBehavior> behaviors() {
        return List.of(this, scope());
    }

    @Override
    public Phase phase() {
        return Phase.OBSERVE;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        InvocationContext call = invocation.context();
        Context parent = propagator.extract(Context.root(), call.metadata(), METADATA);
        Span span = start(parent, call, Outcomes.contractName(invocation.operation()), invocation.operation().name());
        Context traced = parent.with(span);
        call.set(TRACE_CONTEXT, traced);
        CompletionStage<Outcome> stage;
        try (Scope ignored = traced.makeCurrent()) {
            stage = next.proceed(invocation);
        }
        return Outcomes.whenDone(stage, outcome -> end(span, outcome));
    }

    @Override
    public void refused(Refusal refusal) {
        InvocationContext call = refusal.context();
        Context parent = propagator.extract(Context.root(), call.metadata(), METADATA);
        String contract = refusal.operation() == null ? call.serviceName() : Outcomes.contractName(refusal.operation());
        String operation = refusal.operation() == null ? "unknown" : refusal.operation().name();
        end(start(parent, call, contract, operation), refusal.outcome());
    }

    private Span start(Context parent, InvocationContext call, String contract, String operation) {
        SpanBuilder builder = tracer.spanBuilder(contract + "/" + operation)
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute(RPC_SYSTEM, "wcf4j")
                .setAttribute(RPC_SERVICE, contract)
                .setAttribute(RPC_METHOD, operation)
                .setAttribute(SERVICE, call.serviceName())
                .setAttribute(BINDING, call.bindingType());
        return builder.startSpan();
    }

    private static void end(Span span, Outcome outcome) {
        if (outcome == null) {
            span.setStatus(StatusCode.ERROR);
        } else {
            span.setAttribute(OUTCOME, outcome.resultCode());
            if (Outcomes.isServerError(outcome)) {
                span.setStatus(StatusCode.ERROR, outcome.resultCode());
            }
        }
        span.end();
    }

    /**
     * The execute-phase half: makes the call's span current on the thread that runs the operation, if it is not
     * already (a one-way call runs on the service's one-way executor, after the observe phase's thread moved on).
     */
    public static DispatchBehavior scope() {
        return DispatchBehavior.of(Phase.EXECUTE, Integer.MIN_VALUE, (invocation, next) -> {
            Context traced = invocation.context().get(TRACE_CONTEXT);
            if (traced == null || Context.current() == traced) {
                return next.proceed(invocation);
            }
            try (Scope ignored = traced.makeCurrent()) {
                return next.proceed(invocation);
            }
        });
    }

    /** The trace context of the operation running on this thread, if it is traced and its span is not current. */
    static Context operationContext() {
        return OperationContext.find().map(c -> c.invocation().get(TRACE_CONTEXT)).orElse(null);
    }

    @Override
    public String toString() {
        return "call tracing";
    }
}
