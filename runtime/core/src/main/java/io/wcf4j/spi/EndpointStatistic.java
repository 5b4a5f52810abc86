package io.wcf4j.spi;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A live figure of a listening endpoint that its binding keeps (connections open, bytes received, messages
 * dead-lettered), for monitoring: a metrics library reads {@link #value()} when it is scraped, so reading must be
 * cheap and thread-safe. A {@link Kind#COUNTER} only grows (from the endpoint's opening); a {@link Kind#GAUGE} is a
 * value now.
 *
 * @param name        dotted and lower case, unique within the endpoint, e.g. {@code connections} or
 *                    {@code bytes.received}
 * @param description one line for an operator
 * @since 0.1
 */
public record EndpointStatistic(String name, Kind kind, String description, LongSupplier value) {
    /** Whether the figure is a total that only grows, or a value now. */
    public enum Kind { GAUGE, COUNTER }

    public EndpointStatistic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(value, "value");
    }

    public static EndpointStatistic gauge(String name, String description, LongSupplier value) {
        return new EndpointStatistic(name, Kind.GAUGE, description, value);
    }

    public static EndpointStatistic counter(String name, String description, LongSupplier value) {
        return new EndpointStatistic(name, Kind.COUNTER, description, value);
    }
}
