package io.wcf4j.spring;

import io.wcf4j.spi.HealthCheck;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.PublishedEndpoint;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of every endpoint, one contributor each (named as the endpoint): UP with its binding and address
 * while it listens; and of every shared resource that can tell ({@link HealthCheck}: the embedded broker, with its
 * journal and acceptors). Endpoints open after the web server starts and close before it stops, so the set follows
 * the hosts' lifecycle; with the hosts stopped, {@code wcf4j} itself is OUT_OF_SERVICE.
 */
final class Wcf4jHealthContributor implements CompositeHealthContributor {
    private final Wcf4jHosts hosts;
    private final HostResources resources;

    Wcf4jHealthContributor(Wcf4jHosts hosts, HostResources resources) {
        this.hosts = hosts;
        this.resources = resources;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return stream().filter(e -> e.name().equals(name)).findFirst().map(Entry::contributor).orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        if (!hosts.isRunning()) {
            return Stream.of(new Entry("hosts", (HealthIndicator) () -> Health.outOfService().withDetail("reason", "not open").build()));
        }
        return Stream.concat(hosts.endpoints().stream().map(e -> new Entry(e.name(), indicator(e))),
                resources.healthChecks().stream().map(c -> new Entry(c.healthName(), indicator(c))));
    }

    private HealthIndicator indicator(PublishedEndpoint e) {
        return () -> hosts.isRunning() && hosts.endpoints().contains(e)
                ? Health.up().withDetail("binding", e.binding()).withDetail("address", e.address().toString()).build()
                : Health.outOfService().withDetail("address", e.address().toString()).build();
    }

    private static HealthIndicator indicator(HealthCheck check) {
        return () -> {
            HealthCheck.Report report = check.checkHealth();
            return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
        };
    }
}
