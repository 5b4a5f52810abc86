package io.wcf4j.spring;

import io.wcf4j.config.ConfigDocument;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The service model under {@code wcf4j}: what {@code config/wcf4j.yml} holds, and what {@code application.yml},
 * the command line ({@code --wcf4j.public-host=...}) or the environment ({@code WCF4J_PUBLICHOST}) may add or
 * override. The same shape as {@link ConfigDocument}, which the loader outside Spring binds; Boot binds this one
 * (strictly: a misspelt key under these keys fails start-up naming it) and its annotation processor makes the IDE
 * metadata of these keys.
 *
 * @param publicHost  the host name that metadata shows for endpoints bound to a wildcard address
 * @param services    services by name: contract, implementation, behavior and endpoints (address and binding)
 * @param bindings    binding configurations by name: a type (soap-http, rest-json, net-tcp, ...) and that
 *                    binding's settings, checked against the binding when the host opens
 * @param behaviors   service behaviors by name: instancing, throttling, close-timeout (default applies to
 *                    services that name none)
 * @param security    users and their roles, failed-login delays, accepted JWTs
 * @param clients     client endpoints by name: address, binding, settings, credentials, behaviors
 * @param credentials credentials by name (a user with a password or password-file, or a token or token-file)
 */
@ConfigurationProperties("wcf4j")
public record Wcf4jProperties(
        String publicHost,
        Map<String, ConfigDocument.Service> services,
        Map<String, Map<String, Object>> bindings,
        Map<String, ConfigDocument.Behavior> behaviors,
        @NestedConfigurationProperty ConfigDocument.Security security,
        Map<String, ConfigDocument.Client> clients,
        Map<String, ConfigDocument.Credentials> credentials) {

    /** The keys directly under {@code wcf4j} that are the service model's (the rest are the hosts' settings). */
    static final List<String> MODEL_KEYS = List.of("public-host", "services", "bindings", "behaviors", "security", "clients",
            "credentials");

    ConfigDocument toDocument() {
        return new ConfigDocument(publicHost, services, bindings, behaviors, security, clients, credentials);
    }
}
