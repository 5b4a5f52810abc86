package io.wcf4j.config;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.spi.ErrorTexts;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration as written under the {@code wcf4j} key, before its references and rules are checked: the
 * shape that Jackson's YAML module ({@link ConfigLoader}) and Spring Boot's configuration properties bind. Keys
 * are the components' names in kebab case ({@code public-host}, {@code max-concurrent-calls}). {@link #toConfig()}
 * checks what a binder cannot (required keys, references between sections, ranges) and names the key of each
 * error.
 *
 * @param publicHost  the host name metadata shows for endpoints on a wildcard address
 * @param services    services by name: contract, implementation, behavior and endpoints
 * @param bindings    binding configurations by name: a {@code type} and that binding's settings
 * @param behaviors   service behaviors by name ({@code default} applies to services that name none)
 * @param security    users, roles, failed-login delays and accepted JWTs
 * @param clients     client endpoints by name, for {@code ChannelFactory}
 * @param credentials credentials by name, referenced by client endpoints
 * @since 0.2
 */
public record ConfigDocument(String publicHost, Map<String, Service> services, Map<String, Map<String, Object>> bindings,
                             Map<String, Behavior> behaviors, Security security, Map<String, Client> clients,
                             Map<String, Credentials> credentials) {

    /**
     * A service.
     *
     * @param contract       the contract interface's class name
     * @param implementation the implementation: a bean name under Spring, else a class name
     * @param behavior       the name of a behavior under {@code wcf4j.behaviors}
     * @param endpoints      where and how the service is exposed
     */
    public record Service(String contract, String implementation, String behavior, List<Endpoint> endpoints) {
    }

    /**
     * An endpoint.
     *
     * @param name    unique in the host (default {@code <service>-<binding>})
     * @param address e.g. {@code http://0.0.0.0:8080/services/ledger}
     * @param binding a binding configuration's name or a binding type ({@code soap-http}, {@code net-tcp}, ...)
     */
    public record Endpoint(String name, String address, String binding) {
    }

    /**
     * A service behavior.
     *
     * @param instancing   per-call, per-session or single
     * @param throttling   how many calls run and wait at once
     * @param closeTimeout how long calls in flight may finish when the host closes
     * @param oneWayJournal the binding configuration (a soap-jms one: its broker) that persists accepted one-way calls
     *                      before they are acknowledged; absent: they wait in memory
     */
    public record Behavior(String instancing, Throttling throttling, Duration closeTimeout, String oneWayJournal) {
    }

    /**
     * Throttling of one service.
     *
     * @param maxConcurrentCalls calls that run at once (at least 1)
     * @param maxQueuedCalls     calls that wait for a free slot (0: none wait)
     * @param queueTimeout       how long a call waits before the busy fault
     */
    public record Throttling(Integer maxConcurrentCalls, Integer maxQueuedCalls, Duration queueTimeout) {
    }

    /**
     * Who may call.
     *
     * @param realm        the realm of HTTP authentication challenges
     * @param users        users by name
     * @param failedLogins the delay that grows with each failed login of a user
     * @param jwt          bearer tokens accepted
     */
    public record Security(String realm, Map<String, User> users, FailedLogins failedLogins, Jwt jwt) {
    }

    /**
     * A user.
     *
     * @param password     the password (best a {@code ${VARIABLE}})
     * @param digestSecret the secret for WS-Security password digests, when they are accepted
     * @param roles        the user's roles, for {@code @RolesAllowed}
     */
    public record User(String password, String digestSecret, List<String> roles) {
    }

    /**
     * Failed-login delays.
     *
     * @param initialDelay the delay after the first failure
     * @param maxDelay     the longest delay
     */
    public record FailedLogins(Duration initialDelay, Duration maxDelay) {
    }

    /**
     * Accepted JWTs.
     *
     * @param issuer     the {@code iss} a token must have
     * @param audience   the {@code aud} a token must have
     * @param keys       the verification keys: a JWK set file or URL
     * @param rolesClaim the claim that lists the caller's roles
     * @param clockSkew  the clock difference tolerated on {@code exp} and {@code nbf}
     */
    public record Jwt(String issuer, String audience, String keys, String rolesClaim, Duration clockSkew) {
    }

    /**
     * A client endpoint.
     *
     * @param contract    the contract's class name (optional: checked when given)
     * @param address     the service's address
     * @param binding     the binding type
     * @param settings    the binding's settings
     * @param credentials the name of a credential under {@code wcf4j.credentials}
     * @param behaviors   names of client behaviors to apply
     */
    public record Client(String contract, String address, String binding, Map<String, Object> settings, String credentials,
                         List<String> behaviors) {
    }

    /**
     * A credential: a user with a password, or a token.
     *
     * @param user         the user name
     * @param password     the password (best a {@code ${VARIABLE}})
     * @param passwordFile a file holding the password
     * @param token        a bearer token
     * @param tokenFile    a file holding a bearer token
     */
    public record Credentials(String user, String password, String passwordFile, String token, String tokenFile) {
    }

    private static final String ROOT = "wcf4j";

    /** Checks the document's rules and references and builds the immutable configuration. */
    public Wcf4jConfig toConfig() {
        Map<String, BehaviorConfig> behaviorConfigs = new LinkedHashMap<>();
        orEmpty(behaviors).forEach((name, b) -> behaviorConfigs.put(name, behavior(name, b, ROOT + ".behaviors." + name)));

        Map<String, BindingConfig> bindingConfigs = new LinkedHashMap<>();
        orEmpty(bindings).forEach((name, m) -> {
            String bp = ROOT + ".bindings." + name;
            Map<String, Object> settings = new LinkedHashMap<>(m == null ? Map.of() : m);
            Object type = settings.remove("type");
            if (type == null || type.toString().isBlank()) {
                throw new ConfigException(bp + ".type", "missing: every binding configuration names its type "
                        + "(e.g. soap-http, rest-json)");
            }
            settings.forEach((k, v) -> {
                if (v == null) {
                    throw new ConfigException(bp + "." + k, "missing value");
                }
                scalar(v, bp + "." + k);
            });
            bindingConfigs.put(name, new BindingConfig(name, type.toString(), settings));
        });
        behaviorConfigs.forEach((name, b) -> {
            if (b.oneWayJournal() != null && !bindingConfigs.containsKey(b.oneWayJournal())) {
                throw new ConfigException(ROOT + ".behaviors." + name + ".one-way-journal", "no binding configuration named '"
                        + ErrorTexts.truncate(b.oneWayJournal()) + "'; defined under wcf4j.bindings: " + new TreeSet<>(bindingConfigs.keySet()));
            }
        });

        Map<String, ServiceConfig> serviceConfigs = new LinkedHashMap<>();
        orEmpty(services).forEach((name, s) -> {
            String sp = ROOT + ".services." + name;
            Service service = present(s, sp);
            String behavior = blankToNull(service.behavior(), sp + ".behavior");
            if (behavior != null && !behaviorConfigs.containsKey(behavior) && !behavior.equals("default")) {
                throw new ConfigException(sp + ".behavior", "no behavior named '" + behavior
                        + "'; defined under wcf4j.behaviors: " + new TreeSet<>(behaviorConfigs.keySet()));
            }
            List<EndpointConfig> endpoints = new ArrayList<>();
            List<Endpoint> list = service.endpoints() == null ? List.of() : service.endpoints();
            for (int i = 0; i < list.size(); i++) {
                String ep = sp + ".endpoints[" + i + "]";
                Endpoint e = present(list.get(i), ep);
                endpoints.add(new EndpointConfig(blankToNull(e.name(), ep + ".name"), required(e.address(), ep + ".address"),
                        required(e.binding(), ep + ".binding")));
            }
            serviceConfigs.put(name, new ServiceConfig(name, required(service.contract(), sp + ".contract"),
                    required(service.implementation(), sp + ".implementation"), behavior, endpoints));
        });

        Map<String, CredentialsConfig> credentialConfigs = new LinkedHashMap<>();
        orEmpty(credentials).forEach((name, c) -> credentialConfigs.put(name, credentials(name, c, ROOT + ".credentials." + name)));
        Map<String, ClientEndpointConfig> clientConfigs = new LinkedHashMap<>();
        orEmpty(clients).forEach((name, c) -> clientConfigs.put(name, client(name, c, ROOT + ".clients." + name,
                credentialConfigs.keySet())));
        SecurityConfig securityConfig = security == null ? SecurityConfig.NONE : security(security, ROOT + ".security");
        return new Wcf4jConfig(blankToNull(publicHost, ROOT + ".public-host"), serviceConfigs, bindingConfigs, behaviorConfigs,
                securityConfig, clientConfigs, credentialConfigs);
    }

    private static BehaviorConfig behavior(String name, Behavior b, String path) {
        Behavior behavior = present(b, path);
        InstanceMode instancing = null;
        if (behavior.instancing() != null) {
            try {
                instancing = InstanceMode.fromConfig(behavior.instancing());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + ".instancing", "invalid value '" + behavior.instancing()
                        + "' (expected one of per-call, per-session, single)");
            }
        }
        ThrottlingConfig throttling = ThrottlingConfig.DEFAULT;
        Throttling t = behavior.throttling();
        if (t != null) {
            String tp = path + ".throttling";
            throttling = new ThrottlingConfig(
                    atLeast(t.maxConcurrentCalls(), ThrottlingConfig.DEFAULT.maxConcurrentCalls(), 1, tp + ".max-concurrent-calls"),
                    atLeast(t.maxQueuedCalls(), ThrottlingConfig.DEFAULT.maxQueuedCalls(), 0, tp + ".max-queued-calls"),
                    t.queueTimeout() == null ? ThrottlingConfig.DEFAULT.queueTimeout() : t.queueTimeout());
        }
        Duration closeTimeout = behavior.closeTimeout() == null ? BehaviorConfig.DEFAULT.closeTimeout() : behavior.closeTimeout();
        return new BehaviorConfig(name, instancing, throttling, closeTimeout,
                blankToNull(behavior.oneWayJournal(), path + ".one-way-journal"));
    }

    private static SecurityConfig security(Security s, String path) {
        Map<String, SecurityConfig.User> users = new LinkedHashMap<>();
        orEmpty(s.users()).forEach((name, u) -> {
            String up = path + ".users." + name;
            User user = present(u, up);
            List<String> roles = new ArrayList<>();
            List<String> given = user.roles() == null ? List.of() : user.roles();
            for (int i = 0; i < given.size(); i++) {
                roles.add(required(given.get(i), up + ".roles[" + i + "]"));
            }
            users.put(name, new SecurityConfig.User(name, blankToNull(user.password(), up + ".password"),
                    blankToNull(user.digestSecret(), up + ".digest-secret"), roles));
        });
        SecurityConfig.FailedLogins failed = SecurityConfig.FailedLogins.DEFAULT;
        if (s.failedLogins() != null) {
            failed = new SecurityConfig.FailedLogins(
                    s.failedLogins().initialDelay() == null ? failed.initialDelay() : s.failedLogins().initialDelay(),
                    s.failedLogins().maxDelay() == null ? failed.maxDelay() : s.failedLogins().maxDelay());
        }
        SecurityConfig.Jwt jwt = null;
        if (s.jwt() != null) {
            String jp = path + ".jwt";
            Jwt j = s.jwt();
            jwt = new SecurityConfig.Jwt(required(j.issuer(), jp + ".issuer"), required(j.audience(), jp + ".audience"),
                    required(j.keys(), jp + ".keys"), j.rolesClaim() == null ? "roles" : required(j.rolesClaim(), jp + ".roles-claim"),
                    j.clockSkew() == null ? Duration.ofSeconds(60) : j.clockSkew());
        }
        String realm = s.realm() == null ? SecurityConfig.NONE.realm() : required(s.realm(), path + ".realm");
        return new SecurityConfig(realm, users, failed, jwt);
    }

    private static ClientEndpointConfig client(String name, Client c, String path, Set<String> credentialNames) {
        Client client = present(c, path);
        String credential = blankToNull(client.credentials(), path + ".credentials");
        if (credential != null && !credentialNames.contains(credential)) {
            throw new ConfigException(path + ".credentials", "no credential named '" + credential
                    + "'; defined under wcf4j.credentials: " + new TreeSet<>(credentialNames));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        orEmpty(client.settings()).forEach((k, v) -> {
            if (v == null) {
                throw new ConfigException(path + ".settings." + k, "missing value");
            }
            settings.put(k, scalar(v, path + ".settings." + k));
        });
        List<String> behaviorNames = new ArrayList<>();
        List<String> given = client.behaviors() == null ? List.of() : client.behaviors();
        for (int i = 0; i < given.size(); i++) {
            behaviorNames.add(required(given.get(i), path + ".behaviors[" + i + "]"));
        }
        return new ClientEndpointConfig(name, blankToNull(client.contract(), path + ".contract"),
                required(client.address(), path + ".address"), required(client.binding(), path + ".binding"), settings,
                credential, behaviorNames);
    }

    private static CredentialsConfig credentials(String name, Credentials c, String path) {
        Credentials cr = present(c, path);
        String user = blankToNull(cr.user(), path + ".user");
        String password = cr.password();
        String passwordFile = blankToNull(cr.passwordFile(), path + ".password-file");
        String token = blankToNull(cr.token(), path + ".token");
        String tokenFile = blankToNull(cr.tokenFile(), path + ".token-file");
        if (user != null) {
            if (token != null || tokenFile != null) {
                throw new ConfigException(path, "a credential is a user with a password or a token, not both");
            }
            if ((password == null) == (passwordFile == null)) {
                throw new ConfigException(path + ".password", "user " + user
                        + " needs exactly one of password (best a ${VARIABLE}) and password-file");
            }
        } else {
            if (password != null || passwordFile != null) {
                throw new ConfigException(path + ".user", "missing: a password is for a user");
            }
            if ((token == null) == (tokenFile == null)) {
                throw new ConfigException(path, "expected a user with a password, or exactly one of token and token-file");
            }
        }
        return new CredentialsConfig(name, user, password, passwordFile == null ? null : Path.of(passwordFile), token,
                tokenFile == null ? null : Path.of(tokenFile));
    }

    /**
     * The keys accepted at a key path of the document ({@code wcf4j.services.ledger.endpoints[0]} gives
     * {@code [address, binding, name]}), or an empty set where any key is accepted (binding settings) or the path
     * leads nowhere. Binders use it to say what a misspelt key should have been.
     */
    public static Set<String> keysAt(String path) {
        Type type = ConfigDocument.class;
        String[] parts = path.replaceAll("\\[\\d+]", ".[]").split("\\.");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                if (Map.class.isAssignableFrom(raw)) {
                    type = p.getActualTypeArguments()[1];
                    continue;
                }
                if (Collection.class.isAssignableFrom(raw) && part.equals("[]")) {
                    type = p.getActualTypeArguments()[0];
                    continue;
                }
                return Set.of();
            }
            if (!(type instanceof Class<?> c) || !c.isRecord()) {
                return Set.of();
            }
            Type next = null;
            for (RecordComponent rc : c.getRecordComponents()) {
                if (kebab(rc.getName()).equals(part)) {
                    next = rc.getGenericType();
                }
            }
            if (next == null) {
                return Set.of();
            }
            type = next;
        }
        Set<String> keys = new TreeSet<>();
        if (type instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                keys.add(kebab(rc.getName()));
            }
        }
        return keys;
    }

    /**
     * What a key of this Java type takes, as configuration errors say it ({@code an integer}, {@code a duration such
     * as 250ms, 30s or 10m}, {@code a list}, {@code a map of keys}): for every binder of the document, never a class's name.
     */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Duration.class) {
            return "a duration such as 250ms, 30s or 10m";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a map of keys";
    }

    /** {@code maxConcurrentCalls} as written in configuration: {@code max-concurrent-calls}. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static <T> Map<String, T> orEmpty(Map<String, T> m) {
        return m == null ? Map.of() : m;
    }

    private static <T> T present(T value, String path) {
        if (value == null) {
            throw new ConfigException(path, "expected a map of keys, found nothing");
        }
        return value;
    }

    private static int atLeast(Integer value, int dflt, int min, String path) {
        if (value == null) {
            return dflt;
        }
        if (value < min) {
            throw new ConfigException(path, "invalid value '" + value + "' (expected an integer >= " + min + ")");
        }
        return value;
    }

    private static Object scalar(Object value, String path) {
        if (value instanceof Map || value instanceof Collection) {
            throw new ConfigException(path, "expected a single value, found " + (value instanceof Map ? "a map" : "a list"));
        }
        return value;
    }

    private static String required(String value, String path) {
        if (value == null) {
            throw new ConfigException(path, "missing (required)");
        }
        return blankToNull(value, path);
    }

    private static String blankToNull(String value, String path) {
        if (value != null && value.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
        return value;
    }
}
