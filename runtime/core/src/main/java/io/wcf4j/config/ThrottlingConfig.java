package io.wcf4j.config;

import java.time.Duration;

/**
 * WCF's {@code ServiceThrottlingBehavior}: at most {@code maxConcurrentCalls} calls run at once; up to
 * {@code maxQueuedCalls} more wait at most {@code queueTimeout} for a slot; beyond that a call is refused
 * with {@code RESOURCE_EXHAUSTED}.
 *
 * @since 0.1
 */
public record ThrottlingConfig(int maxConcurrentCalls, int maxQueuedCalls, Duration queueTimeout) {
    public static final ThrottlingConfig DEFAULT = new ThrottlingConfig(64, 1000, Duration.ofSeconds(30));

    public ThrottlingConfig {
        if (maxConcurrentCalls <= 0) {
            throw new IllegalArgumentException("maxConcurrentCalls must be > 0, was " + maxConcurrentCalls);
        }
        if (maxQueuedCalls < 0) {
            throw new IllegalArgumentException("maxQueuedCalls must be >= 0, was " + maxQueuedCalls);
        }
    }
}
