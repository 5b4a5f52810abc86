package io.wcf4j.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads {@link Wcf4jConfig} from YAML ({@code config/wcf4j.yml}, a client's {@code clients.yml}) outside Spring:
 * Jackson's YAML module binds the document to {@link ConfigDocument}, which Spring Boot hosts bind from their
 * environment instead.
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

    // a configuration file is small and written by people: no duplicate keys, few aliases, at most 1 MB
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loadSettings(LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(10)
                            .setCodePointLimit(1024 * 1024).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("wcf4j-config").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private ConfigLoader() {
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
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("(root)", "not a YAML document: " + e.getOriginalMessage());
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            return Wcf4jConfig.empty();
        }
        if (!doc.isObject()) {
            throw new ConfigException("(root)", "expected a map of keys, found " + describe(doc));
        }
        for (String key : doc.propertyNames()) {
            if (!key.equals("wcf4j")) {
                throw new ConfigException(key, "unknown root key; the configuration lives under 'wcf4j'");
            }
        }
        JsonNode wcf4j = doc.get("wcf4j");
        if (wcf4j == null || wcf4j.isNull()) {
            return Wcf4jConfig.empty();
        }
        if (!wcf4j.isObject()) {
            throw new ConfigException("wcf4j", "expected a map of keys, found " + describe(wcf4j));
        }
        resolvePlaceholders(wcf4j, "wcf4j", resolver);
        return bind(wcf4j).toConfig();
    }

    private static ConfigDocument bind(JsonNode wcf4j) {
        try {
            return YAML.treeToValue(wcf4j, ConfigDocument.class);
        } catch (UnrecognizedPropertyException e) {
            String parent = path(e.getPath().subList(0, e.getPath().size() - 1));
            Set<String> expected = new TreeSet<>();
            Collection<Object> known = e.getKnownPropertyIds();
            if (known != null) {
                known.forEach(k -> expected.add(k.toString()));
            }
            throw new ConfigException(parent + "." + e.getPropertyName(), "unknown key; expected one of " + expected);
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e.getPath()), "invalid value '" + e.getValue() + "' (expected "
                    + ConfigDocument.expected(e.getTargetType()) + ")");
        } catch (MismatchedInputException e) {
            String found = e.processor() instanceof JsonParser p ? describe(p.currentToken()) : "something else";
            throw new ConfigException(path(e.getPath()), "expected " + ConfigDocument.expected(e.getTargetType()) + ", found " + found);
        } catch (DatabindException e) {
            throw new ConfigException(path(e.getPath()), e.getOriginalMessage());
        }
    }

    /** {@code wcf4j.services.ledger.endpoints[1]} from Jackson's path to a value. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder out = new StringBuilder("wcf4j");
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                out.append('.').append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "a map";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            default -> "a single value";
        };
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "a map" : "'" + node.asString() + "'";
    }

    /** Replaces {@code ${name:default}} in every text value, in place, naming the key of one that has no value. */
    private static void resolvePlaceholders(JsonNode node, String path, Function<String, String> resolver) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : Set.copyOf(object.properties())) {
                String p = path + "." + e.getKey();
                JsonNode value = e.getValue();
                if (value.isString()) {
                    object.put(e.getKey(), resolve(value.asString(), p, resolver));
                } else {
                    resolvePlaceholders(value, p, resolver);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, array.stringNode(resolve(value.asString(), path + "[" + i + "]", resolver)));
                } else {
                    resolvePlaceholders(value, path + "[" + i + "]", resolver);
                }
            }
        }
    }

    private static String resolve(String text, String path, Function<String, String> resolver) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
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

    /** Durations as written in configuration: {@code 250ms}, {@code 30s}, {@code 10m}, ISO-8601, or milliseconds. */
    private static final class DurationDeserializer extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofMillis(p.getLongValue());
            }
            String text = p.getValueAsString();
            if (text == null) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, ConfigDocument.expected(Duration.class), text, Duration.class);
            }
        }
    }
}
