package io.wcf4j.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wcf4j.ServiceHost;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The throttle's view of a service as gauges, read when the registry is scraped: {@value #RUNNING} (calls holding a
 * call slot, at most the behavior's {@code max-concurrent-calls}) and {@value #QUEUED} (calls waiting for a slot,
 * and accepted one-way calls waiting to run), tagged {@code service}.
 */
public final class HostMetrics {
    public static final String RUNNING = "wcf4j.server.calls.running";
    public static final String QUEUED = "wcf4j.server.calls.queued";

    private HostMetrics() {
    }

    /**
     * Registers the gauges of one service.
     *
     * @param host the service's current host, or null while it has none (the gauges read 0 then); looked up at
     *             every reading, so that a host re-created later is the one measured
     */
    public static void bind(MeterRegistry registry, String service, Supplier<ServiceHost> host) {
        gauge(registry, RUNNING, "Calls running their operation now", service, host, ServiceHost::runningCalls);
        gauge(registry, QUEUED, "Calls waiting for a call slot, and accepted one-way calls waiting to run", service, host,
                ServiceHost::queuedCalls);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String service,
                              Supplier<ServiceHost> host, Function<ServiceHost, Integer> reading) {
        Gauge.builder(name, () -> {
            ServiceHost h = host.get();
            return h == null ? 0 : reading.apply(h);
        }).description(description).tag("service", service).register(registry);
    }
}
