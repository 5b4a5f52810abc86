package io.wcf4j.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named client endpoint (WCF's {@code <client><endpoint>}): where a proxy calls and how, under
 * {@code wcf4j.clients.<name>}. {@link io.wcf4j.ChannelFactory.Builder#clientEndpoint} applies it.
 *
 * @param name        the endpoint's name, the key under {@code wcf4j.clients}
 * @param contract    the contract interface's class name, checked against the factory's when given; null for any
 * @param address     the address to call
 * @param binding     a named binding configuration under {@code wcf4j.bindings}, or a binding type
 * @param settings    binding settings for this client only, over the binding configuration's
 * @param credentials the name of a credential under {@code wcf4j.credentials}, or null to call anonymously
 * @param behaviors   classes of {@link io.wcf4j.spi.ClientBehavior}s (public, with a public no-argument
 *                    constructor) that every call of the endpoint's proxies runs
 * @since 0.1
 */
public record ClientEndpointConfig(String name, String contract, String address, String binding, Map<String, Object> settings,
                                   String credentials, List<String> behaviors) {
    public ClientEndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(binding, "binding");
        settings = Map.copyOf(settings);
        behaviors = List.copyOf(behaviors);
    }

    /** The key path of this endpoint's configuration, for messages. */
    public String path() {
        return "wcf4j.clients." + name;
    }
}
