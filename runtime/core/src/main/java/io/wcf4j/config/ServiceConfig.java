package io.wcf4j.config;

import java.util.List;

/**
 * A service: its contract interface, its implementation (a class name, or a bean name under Spring), the
 * behavior it uses and its endpoints.
 *
 * @since 0.1
 */
public record ServiceConfig(String name, String contract, String implementation, String behavior,
                            List<EndpointConfig> endpoints) {
    public ServiceConfig {
        endpoints = List.copyOf(endpoints);
    }
}
