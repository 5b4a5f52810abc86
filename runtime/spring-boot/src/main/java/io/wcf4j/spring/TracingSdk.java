package io.wcf4j.spring;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.core.env.Environment;

/**
 * The OpenTelemetry SDK a Boot host traces with when the application brings none: W3C trace context, a
 * parent-based ratio sampler ({@code wcf4j.tracing.sampling}, 0 to 1, default 1), and spans exported in batches over
 * OTLP/HTTP to {@code wcf4j.tracing.otlp-endpoint} (e.g. {@code http://localhost:4318/v1/traces}); with no endpoint
 * spans are made (and propagated) but not exported. Resource {@code service.name}: {@code wcf4j.tracing.service-name},
 * else {@code spring.application.name}, else {@code wcf4j}. Closing it (the context does) exports the last batch.
 */
final class TracingSdk {
    private TracingSdk() {
    }

    static OpenTelemetrySdk fromEnvironment(Environment env) {
        double ratio = env.getProperty("wcf4j.tracing.sampling", Double.class, 1.0);
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("wcf4j.tracing.sampling must be between 0 and 1, was " + ratio);
        }
        String serviceName = env.getProperty("wcf4j.tracing.service-name", env.getProperty("spring.application.name", "wcf4j"));
        SdkTracerProviderBuilder tracer = SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))));
        String endpoint = env.getProperty("wcf4j.tracing.otlp-endpoint", "");
        if (!endpoint.isBlank()) {
            tracer.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()).build());
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracer.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
