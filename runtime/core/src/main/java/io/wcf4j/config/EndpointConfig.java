package io.wcf4j.config;

import java.util.Objects;

/**
 * An endpoint: an address, a binding (the name of a binding configuration, or a binding type such as
 * {@code soap-http}) and, implicitly, the contract of its service.
 *
 * @param name     a name unique in the host (default {@code <service>-<binding>})
 * @param address  e.g. {@code http://0.0.0.0:8080/services/ledger}
 * @param binding  a binding configuration name or a binding type
 * @since 0.1
 */
public record EndpointConfig(String name, String address, String binding) {
    public EndpointConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(binding, "binding");
    }

    public static EndpointConfig of(String address, String binding) {
        return new EndpointConfig(null, address, binding);
    }
}
