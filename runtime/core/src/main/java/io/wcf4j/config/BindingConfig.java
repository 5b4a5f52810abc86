package io.wcf4j.config;

import java.util.Map;
import java.util.Objects;

/**
 * A named binding configuration: a binding type plus its settings, e.g.
 * {@code soap12: { type: soap-http, soap-version: "1.2" }}. Settings are checked against the binding's
 * declared settings when a host opens.
 *
 * @since 0.1
 */
public record BindingConfig(String name, String type, Map<String, Object> settings) {
    public BindingConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        settings = Map.copyOf(settings);
    }

    public static BindingConfig of(String type) {
        return new BindingConfig(type, type, Map.of());
    }

    public static BindingConfig of(String type, Map<String, Object> settings) {
        return new BindingConfig(type, type, settings);
    }
}
