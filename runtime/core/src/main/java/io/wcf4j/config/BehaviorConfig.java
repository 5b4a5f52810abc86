package io.wcf4j.config;

import io.wcf4j.annotation.InstanceMode;
import java.time.Duration;

/**
 * A named service behavior (WCF's {@code <serviceBehaviors>}).
 *
 * @param instancing    how instances are created; null to keep the implementation's {@code @ServiceBehavior}
 * @param throttling    concurrency limits
 * @param closeTimeout  how long a closing host lets in-flight calls finish
 * @since 0.1
 */
public record BehaviorConfig(String name, InstanceMode instancing, ThrottlingConfig throttling, Duration closeTimeout) {
    public static final BehaviorConfig DEFAULT =
            new BehaviorConfig("default", null, ThrottlingConfig.DEFAULT, Duration.ofSeconds(30));
}
