package io.wcf4j.spring;

import io.wcf4j.spi.PublishedEndpoint;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of every endpoint, one contributor each (named as the endpoint): UP with its binding and address
 * while it listens. Endpoints open after the web server starts and close before it stops, so the set follows
 * the hosts' lifecycle; with the hosts stopped, {@code wcf4j} itself is OUT_OF_SERVICE.
 */
final class Wcf4jHealthContributor implements CompositeHealthContributor {
    private final Wcf4jHosts hosts;

    Wcf4jHealthContributor(Wcf4jHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public HealthContributor getContributor(String name) {
        if (!hosts.isRunning()) {
            return name.equals("hosts") ? (HealthIndicator) () -> Health.outOfService().withDetail("reason", "not open").build() : null;
        }
        return hosts.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().map(this::indicator).orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        if (!hosts.isRunning()) {
            return Stream.of(new Entry("hosts", getContributor("hosts")));
        }
        return hosts.endpoints().stream().map(e -> new Entry(e.name(), indicator(e)));
    }

    private HealthIndicator indicator(PublishedEndpoint e) {
        return () -> hosts.isRunning() && hosts.endpoints().contains(e)
                ? Health.up().withDetail("binding", e.binding()).withDetail("address", e.address().toString()).build()
                : Health.outOfService().withDetail("address", e.address().toString()).build();
    }
}
