package io.wcf4j.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import java.util.Objects;

/**
 * A client span per outgoing call through a wcf4j proxy or callback, and the W3C trace context sent with it in the
 * call metadata (every binding carries {@code traceparent} and {@code tracestate} in its wire's slot). Its parent is
 * the current span, else the span of the operation this call is made from ({@link CallTracing}), so a chain of
 * calls across services and wires is one trace.
 *
 * <p>Span: {@code <contract>/<operation>}, kind CLIENT, the attributes of {@link CallTracing}; status ERROR when the
 * call failed in any way (a declared fault too: for the caller it is a failed call). Thread-safe.
 */
public final class ClientCallTracing implements ClientBehavior {
    /** After the client metrics, before behaviors that add credentials. */
    public static final int ORDER = ClientCallMetrics.ORDER + 1;

    private static final TextMapSetter<CallMetadata.Builder> METADATA = (carrier, key, value) -> {
        if (carrier != null && CallMetadata.isValidKey(key) && CallMetadata.isValidValue(value)) {
            carrier.put(key, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public ClientCallTracing(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(CallTracing.INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Object invoke(ClientCall call, Next next) throws Exception {
        Context parent = Context.current();
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            Context operation = CallTracing.operationContext();
            if (operation != null) {
                parent = operation;
            }
        }
        String contract = Outcomes.contractName(call.operation());
        Span span = tracer.spanBuilder(contract + "/" + call.operation().name())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(CallTracing.RPC_SYSTEM, "wcf4j")
                .setAttribute(CallTracing.RPC_SERVICE, contract)
                .setAttribute(CallTracing.RPC_METHOD, call.operation().name())
                .setAttribute(CallTracing.BINDING, call.bindingType())
                .startSpan();
        Context traced = parent.with(span);
        propagator.inject(traced, call.metadata(), METADATA);
        try (Scope ignored = traced.makeCurrent()) {
            Object result = next.proceed(call);
            span.setAttribute(CallTracing.OUTCOME, "OK");
            return result;
        } catch (Exception | Error e) {
            String outcome = Outcomes.ofClientFailure(call, e);
            span.setAttribute(CallTracing.OUTCOME, outcome);
            span.setStatus(StatusCode.ERROR, outcome);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public String toString() {
        return "client call tracing";
    }
}
