package io.wcf4j.config;

import java.util.Map;

/**
 * The whole configuration (WCF's {@code system.serviceModel}): services, named binding configurations and
 * named behaviors. Immutable; load it with {@link ConfigLoader} or build it in code.
 *
 * @param publicHost  the host name that metadata shows for endpoints bound to a wildcard address; null to
 *                    use the name the client used to reach the metadata
 * @param security    users, roles and accepted tokens ({@link SecurityConfig#NONE} when not configured)
 * @param clients     named client endpoints, for {@link io.wcf4j.ChannelFactory.Builder#clientEndpoint}
 * @param credentials named credentials the client endpoints present
 * @since 0.1
 */
public record Wcf4jConfig(String publicHost, Map<String, ServiceConfig> services,
                          Map<String, BindingConfig> bindings, Map<String, BehaviorConfig> behaviors,
                          SecurityConfig security, Map<String, ClientEndpointConfig> clients,
                          Map<String, CredentialsConfig> credentials) {
    public Wcf4jConfig {
        services = Map.copyOf(services);
        bindings = Map.copyOf(bindings);
        behaviors = Map.copyOf(behaviors);
        security = security == null ? SecurityConfig.NONE : security;
        clients = Map.copyOf(clients);
        credentials = Map.copyOf(credentials);
    }

    /** A host's configuration, without client endpoints. */
    public Wcf4jConfig(String publicHost, Map<String, ServiceConfig> services, Map<String, BindingConfig> bindings,
                       Map<String, BehaviorConfig> behaviors, SecurityConfig security) {
        this(publicHost, services, bindings, behaviors, security, Map.of(), Map.of());
    }

    /** A configuration with nothing in it: a host with it starts and exposes nothing. */
    public static Wcf4jConfig empty() {
        return new Wcf4jConfig(null, Map.of(), Map.of(), Map.of(), SecurityConfig.NONE);
    }

    /** The client endpoint of this name. */
    public ClientEndpointConfig client(String name) {
        ClientEndpointConfig c = clients.get(name);
        if (c == null) {
            throw new ConfigException("wcf4j.clients." + name, "no client endpoint of this name; defined: "
                    + new java.util.TreeSet<>(clients.keySet()));
        }
        return c;
    }

    /** The binding configuration an endpoint names: a named configuration, else a bare binding type. */
    public BindingConfig bindingFor(String bindingName) {
        BindingConfig named = bindings.get(bindingName);
        return named != null ? named : BindingConfig.of(bindingName);
    }

    /** The behavior a service names, or the default behavior. */
    public BehaviorConfig behaviorFor(String behaviorName) {
        if (behaviorName == null) {
            return behaviors.getOrDefault("default", BehaviorConfig.DEFAULT);
        }
        BehaviorConfig b = behaviors.get(behaviorName);
        if (b == null) {
            throw new ConfigException("behavior", "no behavior named '" + behaviorName + "'; defined: " + behaviors.keySet());
        }
        return b;
    }
}
