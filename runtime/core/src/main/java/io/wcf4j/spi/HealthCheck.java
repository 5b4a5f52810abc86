package io.wcf4j.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A shared resource that can say whether it works (a broker, a database connection pool): a {@link HostResources}
 * entry that implements this is reported in the host's health, under {@link #healthName()}, and a failing one makes
 * the host not ready. {@link #checkHealth()} is called on every health request: it must be quick and must not throw.
 *
 * @since 0.1
 */
public interface HealthCheck {

    /** The name it is reported under, e.g. {@code broker}. */
    String healthName();

    /** Its state now. */
    Report checkHealth();

    /**
     * A resource's state: up or not, and details an operator needs (addresses, what failed); no secret.
     */
    record Report(boolean up, Map<String, Object> details) {
        public Report {
            details = Map.copyOf(Objects.requireNonNull(details, "details"));
        }

        public static Report up(Map<String, Object> details) {
            return new Report(true, details);
        }

        public static Report down(Map<String, Object> details) {
            return new Report(false, details);
        }
    }
}
