package io.wcf4j.config;

import io.wcf4j.annotation.InstanceMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads {@link Wcf4jConfig} from YAML ({@code config/wcf4j.yml}) or from an already parsed tree.
 *
 * <p>The document has one root key, {@code wcf4j}. Every key is checked: an unknown key or a bad value fails
 * with a {@link ConfigException} naming its full path (e.g. {@code wcf4j.services.ledger.endpoints[1].binding})
 * and what is accepted. String values may hold {@code ${name}} or {@code ${name:default}} placeholders,
 * resolved by the resolver given (system properties and environment variables by default). Binding
 * settings are checked later, against the binding they configure, when a host opens.
 *
 * @since 0.1
 */
public final class ConfigLoader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Set<String> ROOT_KEYS = Set.of("public-host", "services", "bindings", "behaviors", "security", "clients",
            "credentials");
    private static final Set<String> CLIENT_KEYS = Set.of("contract", "address", "binding", "settings", "credentials", "behaviors");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("user", "password", "password-file", "token", "token-file");
    private static final Set<String> SECURITY_KEYS = Set.of("realm", "users", "failed-logins", "jwt");
    private static final Set<String> USER_KEYS = Set.of("password", "digest-secret", "roles");
    private static final Set<String> FAILED_LOGIN_KEYS = Set.of("initial-delay", "max-delay");
    private static final Set<String> JWT_KEYS = Set.of("issuer", "audience", "keys", "roles-claim", "clock-skew");
    private static final Set<String> SERVICE_KEYS = Set.of("contract", "implementation", "behavior", "endpoints");
    private static final Set<String> ENDPOINT_KEYS = Set.of("name", "address", "binding");
    private static final Set<String> BEHAVIOR_KEYS = Set.of("instancing", "throttling", "close-timeout");
    private static final Set<String> THROTTLING_KEYS = Set.of("max-concurrent-calls", "max-queued-calls", "queue-timeout");

    private final Function<String, String> resolver;

    private ConfigLoader(Function<String, String> resolver) {
        this.resolver = resolver;
    }

    /** Loads a YAML file; placeholders resolve from system properties, then environment variables. */
    public static Wcf4jConfig load(Path file) {
        return load(file, ConfigLoader::systemLookup);
    }

    /** Loads a YAML file with a placeholder resolver (returns null for an unknown name). */
    public static Wcf4jConfig load(Path file, Function<String, String> resolver) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read configuration file: " + e.getMessage());
        }
        return parseYaml(text, resolver);
    }

    /** Parses YAML text with a root key {@code wcf4j}. */
    public static Wcf4jConfig parseYaml(String yaml, Function<String, String> resolver) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Object doc = new Yaml(new SafeConstructor(options)).load(yaml);
        if (doc == null) {
            return Wcf4jConfig.empty();
        }
        Map<String, Object> root = new ConfigLoader(resolver).map(doc, "");
        for (String key : root.keySet()) {
            if (!key.equals("wcf4j")) {
                throw new ConfigException(key, "unknown root key; the configuration lives under 'wcf4j'");
            }
        }
        return fromTree(root.get("wcf4j"), resolver);
    }

    /** Builds the configuration from the tree under the {@code wcf4j} key (maps, lists and scalars). */
    public static Wcf4jConfig fromTree(Object wcf4j, Function<String, String> resolver) {
        return new ConfigLoader(resolver).root(wcf4j);
    }

    private Wcf4jConfig root(Object tree) {
        if (tree == null) {
            return Wcf4jConfig.empty();
        }
        String p = "wcf4j";
        Map<String, Object> root = map(tree, p);
        checkKeys(root, ROOT_KEYS, p);

        Map<String, BehaviorConfig> behaviors = new LinkedHashMap<>();
        map(root.getOrDefault("behaviors", Map.of()), p + ".behaviors")
                .forEach((name, v) -> behaviors.put(name, behavior(name, v, p + ".behaviors." + name)));

        Map<String, BindingConfig> bindings = new LinkedHashMap<>();
        map(root.getOrDefault("bindings", Map.of()), p + ".bindings").forEach((name, v) -> {
            String bp = p + ".bindings." + name;
            Map<String, Object> m = new LinkedHashMap<>(map(v, bp));
            Object type = m.remove("type");
            if (type == null) {
                throw new ConfigException(bp + ".type", "missing: every binding configuration names its type "
                        + "(e.g. soap-http, rest-json)");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            m.forEach((k, val) -> settings.put(k, resolveScalar(val, bp + "." + k)));
            bindings.put(name, new BindingConfig(name, string(type, bp + ".type"), settings));
        });

        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        map(root.getOrDefault("services", Map.of()), p + ".services").forEach((name, v) -> {
            String sp = p + ".services." + name;
            Map<String, Object> s = map(v, sp);
            checkKeys(s, SERVICE_KEYS, sp);
            String contract = required(s, "contract", sp);
            String implementation = required(s, "implementation", sp);
            String behavior = s.get("behavior") == null ? null : string(s.get("behavior"), sp + ".behavior");
            if (behavior != null && !behaviors.containsKey(behavior) && !behavior.equals("default")) {
                throw new ConfigException(sp + ".behavior", "no behavior named '" + behavior
                        + "'; defined under wcf4j.behaviors: " + behaviors.keySet());
            }
            List<EndpointConfig> endpoints = new ArrayList<>();
            List<?> list = list(s.getOrDefault("endpoints", List.of()), sp + ".endpoints");
            for (int i = 0; i < list.size(); i++) {
                String ep = sp + ".endpoints[" + i + "]";
                Map<String, Object> e = map(list.get(i), ep);
                checkKeys(e, ENDPOINT_KEYS, ep);
                String address = required(e, "address", ep);
                String binding = required(e, "binding", ep);
                String epName = e.get("name") == null ? null : string(e.get("name"), ep + ".name");
                endpoints.add(new EndpointConfig(epName, address, binding));
            }
            services.put(name, new ServiceConfig(name, contract, implementation, behavior, endpoints));
        });
        String publicHost = root.get("public-host") == null ? null : string(root.get("public-host"), p + ".public-host");
        SecurityConfig security = root.get("security") == null ? SecurityConfig.NONE : security(root.get("security"), p + ".security");
        Map<String, CredentialsConfig> credentials = new LinkedHashMap<>();
        map(root.getOrDefault("credentials", Map.of()), p + ".credentials")
                .forEach((name, v) -> credentials.put(name, credentials(name, v, p + ".credentials." + name)));
        Map<String, ClientEndpointConfig> clients = new LinkedHashMap<>();
        map(root.getOrDefault("clients", Map.of()), p + ".clients")
                .forEach((name, v) -> clients.put(name, client(name, v, p + ".clients." + name, credentials.keySet())));
        return new Wcf4jConfig(publicHost, services, bindings, behaviors, security, clients, credentials);
    }

    private ClientEndpointConfig client(String name, Object v, String path, Set<String> credentials) {
        Map<String, Object> m = map(v, path);
        checkKeys(m, CLIENT_KEYS, path);
        String credential = optionalString(m, "credentials", path);
        if (credential != null && !credentials.contains(credential)) {
            throw new ConfigException(path + ".credentials", "no credential named '" + credential
                    + "'; defined under wcf4j.credentials: " + new TreeSet<>(credentials));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        map(m.getOrDefault("settings", Map.of()), path + ".settings").forEach((k, val) -> {
            if (val == null) {
                throw new ConfigException(path + ".settings." + k, "missing value");
            }
            settings.put(k, resolveScalar(val, path + ".settings." + k));
        });
        List<String> behaviors = new ArrayList<>();
        List<?> l = list(m.getOrDefault("behaviors", List.of()), path + ".behaviors");
        for (int i = 0; i < l.size(); i++) {
            behaviors.add(string(l.get(i), path + ".behaviors[" + i + "]"));
        }
        return new ClientEndpointConfig(name, optionalString(m, "contract", path), required(m, "address", path),
                required(m, "binding", path), settings, credential, behaviors);
    }

    private CredentialsConfig credentials(String name, Object v, String path) {
        Map<String, Object> m = map(v, path);
        checkKeys(m, CREDENTIAL_KEYS, path);
        String user = optionalString(m, "user", path);
        String password = optionalString(m, "password", path);
        String passwordFile = optionalString(m, "password-file", path);
        String token = optionalString(m, "token", path);
        String tokenFile = optionalString(m, "token-file", path);
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

    private SecurityConfig security(Object v, String path) {
        Map<String, Object> m = map(v, path);
        checkKeys(m, SECURITY_KEYS, path);
        String realm = m.get("realm") == null ? SecurityConfig.NONE.realm() : string(m.get("realm"), path + ".realm");
        Map<String, SecurityConfig.User> users = new LinkedHashMap<>();
        map(m.getOrDefault("users", Map.of()), path + ".users").forEach((name, u) -> {
            String up = path + ".users." + name;
            Map<String, Object> um = map(u, up);
            checkKeys(um, USER_KEYS, up);
            List<String> roles = new ArrayList<>();
            if (um.get("roles") != null) {
                List<?> l = list(um.get("roles"), up + ".roles");
                for (int i = 0; i < l.size(); i++) {
                    roles.add(string(l.get(i), up + ".roles[" + i + "]"));
                }
            }
            users.put(name, new SecurityConfig.User(name, optionalString(um, "password", up),
                    optionalString(um, "digest-secret", up), roles));
        });
        SecurityConfig.FailedLogins failed = SecurityConfig.FailedLogins.DEFAULT;
        if (m.get("failed-logins") != null) {
            String fp = path + ".failed-logins";
            Map<String, Object> f = map(m.get("failed-logins"), fp);
            checkKeys(f, FAILED_LOGIN_KEYS, fp);
            failed = new SecurityConfig.FailedLogins(duration(f, "initial-delay", failed.initialDelay(), fp),
                    duration(f, "max-delay", failed.maxDelay(), fp));
        }
        SecurityConfig.Jwt jwt = null;
        if (m.get("jwt") != null) {
            String jp = path + ".jwt";
            Map<String, Object> j = map(m.get("jwt"), jp);
            checkKeys(j, JWT_KEYS, jp);
            jwt = new SecurityConfig.Jwt(required(j, "issuer", jp), required(j, "audience", jp), required(j, "keys", jp),
                    j.get("roles-claim") == null ? "roles" : string(j.get("roles-claim"), jp + ".roles-claim"),
                    duration(j, "clock-skew", Duration.ofSeconds(60), jp));
        }
        return new SecurityConfig(realm, users, failed, jwt);
    }

    private String optionalString(Map<String, Object> m, String key, String path) {
        return m.get(key) == null ? null : string(m.get(key), path + "." + key);
    }

    private Duration duration(Map<String, Object> m, String key, Duration dflt, String path) {
        return m.get(key) == null ? dflt
                : Setting.duration(key, null).parse(resolveScalar(m.get(key), path + "." + key), path + "." + key);
    }

    private BehaviorConfig behavior(String name, Object v, String path) {
        Map<String, Object> m = map(v, path);
        checkKeys(m, BEHAVIOR_KEYS, path);
        InstanceMode instancing = null;
        if (m.get("instancing") != null) {
            String s = string(m.get("instancing"), path + ".instancing");
            try {
                instancing = InstanceMode.fromConfig(s);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + ".instancing", "invalid value '" + s
                        + "' (expected one of per-call, per-session, single)");
            }
        }
        ThrottlingConfig throttling = ThrottlingConfig.DEFAULT;
        if (m.get("throttling") != null) {
            String tp = path + ".throttling";
            Map<String, Object> t = map(m.get("throttling"), tp);
            checkKeys(t, THROTTLING_KEYS, tp);
            int maxCalls = intValue(t, "max-concurrent-calls", ThrottlingConfig.DEFAULT.maxConcurrentCalls(), 1, tp);
            int maxQueued = intValue(t, "max-queued-calls", ThrottlingConfig.DEFAULT.maxQueuedCalls(), 0, tp);
            Duration queueTimeout = t.get("queue-timeout") == null ? ThrottlingConfig.DEFAULT.queueTimeout()
                    : Setting.duration("queue-timeout", null).parse(resolveScalar(t.get("queue-timeout"), tp), tp + ".queue-timeout");
            throttling = new ThrottlingConfig(maxCalls, maxQueued, queueTimeout);
        }
        Duration closeTimeout = m.get("close-timeout") == null ? BehaviorConfig.DEFAULT.closeTimeout()
                : Setting.duration("close-timeout", null).parse(resolveScalar(m.get("close-timeout"), path), path + ".close-timeout");
        return new BehaviorConfig(name, instancing, throttling, closeTimeout);
    }

    private int intValue(Map<String, Object> m, String key, int dflt, int min, String path) {
        Object raw = m.get(key);
        if (raw == null) {
            return dflt;
        }
        Object v = resolveScalar(raw, path + "." + key);
        try {
            int i = v instanceof Integer n ? n : Integer.parseInt(v.toString().trim());
            if (i < min) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(path + "." + key, "invalid value '" + v + "' (expected an integer >= " + min + ")");
        }
    }

    private String required(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            throw new ConfigException(path + "." + key, "missing (required)");
        }
        return string(v, path + "." + key);
    }

    private String string(Object v, String path) {
        Object r = resolveScalar(v, path);
        if (r instanceof Map || r instanceof List) {
            throw new ConfigException(path, "expected a single value, found " + (r instanceof Map ? "a map" : "a list"));
        }
        String s = r.toString();
        if (s.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
        return s;
    }

    private Object resolveScalar(Object v, String path) {
        if (!(v instanceof String s) || !s.contains("${")) {
            return v;
        }
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolver.apply(m.group(1).trim());
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException(path, "placeholder ${" + m.group(1) + "} has no value and no default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String path) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigException(path.isEmpty() ? "(root)" : path, "expected a map of keys, found "
                    + (v == null ? "nothing" : v instanceof List ? "a list" : "'" + v + "'"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    private List<?> list(Object v, String path) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> String.valueOf(k).matches("\\d+"))) {
            // property sources (Spring, system properties) give lists as maps keyed 0, 1, 2 ...
            List<Object> out = new ArrayList<>();
            new TreeSet<>(m.keySet().stream().map(k -> Integer.parseInt(String.valueOf(k))).toList())
                    .forEach(i -> out.add(m.containsKey(i) ? m.get(i) : m.get(String.valueOf(i))));
            return out;
        }
        throw new ConfigException(path, "expected a list");
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String path) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new ConfigException(path + "." + k, "unknown key; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    private static String systemLookup(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            v = System.getenv(name);
        }
        if (v == null) {
            v = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return v;
    }
}
