package io.wcf4j.config;

import io.wcf4j.annotation.InstanceMode;
import java.time.Duration;

/**
 * A named service behavior (WCF's {@code <serviceBehaviors>}).
 *
 * @param instancing    how instances are created; null to keep the implementation's {@code @ServiceBehavior}
 * @param throttling    concurrency limits
 * @param closeTimeout  how long a closing host lets in-flight calls finish
 * @param oneWayJournal the binding configuration whose store persists accepted one-way calls before they are
 *                      acknowledged ({@link io.wcf4j.spi.OneWayJournal}), or null to keep them in memory
 * @since 0.1
 */
public record BehaviorConfig(String name, InstanceMode instancing, ThrottlingConfig throttling, Duration closeTimeout,
                             String oneWayJournal) {
    public static final BehaviorConfig DEFAULT =
            new BehaviorConfig("default", null, ThrottlingConfig.DEFAULT, Duration.ofSeconds(30), null);

    /** A behavior that keeps accepted one-way calls in memory. */
    public BehaviorConfig(String name, InstanceMode instancing, ThrottlingConfig throttling, Duration closeTimeout) {
        this(name, instancing, throttling, closeTimeout, null);
    }
}
