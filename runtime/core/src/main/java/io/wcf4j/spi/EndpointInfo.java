package io.wcf4j.spi;

import java.util.Objects;

/**
 * Which endpoint received a call: the service, the endpoint's name (as in configuration, e.g.
 * {@code ledger-soap12}) and the binding type. For callbacks a client receives, the service is the callback
 * contract's name and the endpoint is named {@code <contract>-callback}.
 *
 * @since 0.1
 */
public record EndpointInfo(String service, String name, String bindingType) {
    public EndpointInfo {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindingType, "bindingType");
    }
}
