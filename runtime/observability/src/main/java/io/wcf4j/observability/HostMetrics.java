package io.wcf4j.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wcf4j.ServiceHost;
import io.wcf4j.spi.EndpointStatistic;
import io.wcf4j.spi.PublishedEndpoint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A service host's live figures as meters, read when the registry is scraped:
 *
 * <ul>
 *   <li>the throttle's gauges {@value #RUNNING} (calls holding a call slot, at most the behavior's
 *       {@code max-concurrent-calls}) and {@value #QUEUED} (calls waiting for a slot, and accepted one-way calls
 *       waiting to run), tagged {@code service};
 *   <li>each endpoint's {@link EndpointStatistic}s as {@code wcf4j.endpoint.<name>}, tagged {@code service},
 *       {@code endpoint} and {@code binding}: connections, bytes received and sent, TLS handshakes (net.tcp, net.pipe),
 *       messages delivered, retried and dead-lettered and the dead-letter queue's depth (SOAP/JMS). HTTP endpoints
 *       share the web server, whose connections and bytes Micrometer's Tomcat metrics report.
 * </ul>
 *
 * <p>The host is looked up at every reading, so that a host re-opened later is the one measured (a figure reads 0
 * while its service has no open host).
 */
public final class HostMetrics {
    public static final String RUNNING = "wcf4j.server.calls.running";
    public static final String QUEUED = "wcf4j.server.calls.queued";
    public static final String ENDPOINT_PREFIX = "wcf4j.endpoint.";
    /** The counters' readings, as long as their registry lives. */
    private static final Map<MeterRegistry, List<Supplier<Double>>> READINGS = Collections.synchronizedMap(new WeakHashMap<>());

    private HostMetrics() {
    }

    /** Every meter of an open host that stays the service's host: for a host opened in code. */
    public static void bind(MeterRegistry registry, ServiceHost host) {
        bindThrottle(registry, host.name(), () -> host);
        bindEndpoints(registry, host.name(), () -> host);
    }

    /** The throttle's gauges of a service. */
    public static void bindThrottle(MeterRegistry registry, String service, Supplier<ServiceHost> host) {
        gauge(registry, RUNNING, "Calls running their operation now", service, host, ServiceHost::runningCalls);
        gauge(registry, QUEUED, "Calls waiting for a call slot, and accepted one-way calls waiting to run", service, host,
                ServiceHost::queuedCalls);
    }

    /** The statistics of the endpoints the service's host has open now (call it once the host is open). */
    public static void bindEndpoints(MeterRegistry registry, String service, Supplier<ServiceHost> host) {
        ServiceHost open = host.get();
        if (open == null) {
            return;
        }
        List<PublishedEndpoint> endpoints = open.endpoints();
        open.endpointStatistics().forEach((endpoint, stats) -> {
            String binding = endpoints.stream().filter(e -> e.name().equals(endpoint)).map(PublishedEndpoint::binding)
                    .findFirst().orElse("unknown");
            for (EndpointStatistic stat : stats) {
                String name = ENDPOINT_PREFIX + stat.name();
                Supplier<Double> read = () -> current(host.get(), endpoint, stat.name());
                if (stat.kind() == EndpointStatistic.Kind.GAUGE) {
                    Gauge.builder(name, read).description(stat.description())
                            .tags("service", service, "endpoint", endpoint, "binding", binding).register(registry);
                } else {
                    // a function counter holds its object weakly: the registry's entry here keeps the reading alive
                    READINGS.computeIfAbsent(registry, r -> new CopyOnWriteArrayList<>()).add(read);
                    FunctionCounter.builder(name, read, Supplier::get).description(stat.description())
                            .tags("service", service, "endpoint", endpoint, "binding", binding).register(registry);
                }
            }
        });
    }

    private static double current(ServiceHost host, String endpoint, String statistic) {
        if (host == null) {
            return 0;
        }
        List<EndpointStatistic> stats = host.endpointStatistics().get(endpoint);
        if (stats == null) {
            return 0;
        }
        return stats.stream().filter(s -> s.name().equals(statistic)).findFirst().map(s -> (double) s.value().getAsLong())
                .orElse(0.0);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String service,
                              Supplier<ServiceHost> host, Function<ServiceHost, Integer> reading) {
        Gauge.builder(name, () -> {
            ServiceHost h = host.get();
            return h == null ? 0 : reading.apply(h);
        }).description(description).tag("service", service).register(registry);
    }
}
