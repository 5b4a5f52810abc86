package io.wcf4j.observability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What the message log must not write: fields masked by name wherever they appear (a parameter, a data contract's
 * property at any depth; case-insensitive), and text that matches a pattern anywhere in a string value (an account
 * number, a card number). Applied to the JSON tree of a message before it is written, so a masked value never reaches
 * a log. Immutable and thread-safe.
 */
public final class MessageMasking {
    /** What replaces a masked value. */
    public static final String MASK = "***";
    /** Field names masked by default: credentials of any kind. */
    public static final Set<String> DEFAULT_FIELDS = Set.of("password", "passwd", "secret", "token", "authorization",
            "credential", "credentials", "apikey", "api-key", "privatekey");

    private final Set<String> fields;
    private final List<Pattern> patterns;
    /**
     * A masked field's text in XML ({@code <ns:password ...>text</}) and its value in JSON ({@code "password": value}),
     * also when the message was cut short inside the value.
     */
    private final Pattern xmlField;
    private final Pattern jsonField;

    /**
     * @param fields   field names to mask (added to {@link #DEFAULT_FIELDS})
     * @param patterns regular expressions whose matches in string values are masked
     */
    public MessageMasking(Collection<String> fields, Collection<String> patterns) {
        this.fields = java.util.stream.Stream.concat(DEFAULT_FIELDS.stream(), fields.stream())
                .map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(Pattern.compile(p));
        }
        this.patterns = List.copyOf(compiled);
        String names = this.fields.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        this.xmlField = Pattern.compile("(<(?:[\\w.-]+:)?(?:" + names + ")(?:\\s[^>]*)?>)[^<]*(?=</|\\z)", Pattern.CASE_INSENSITIVE);
        this.jsonField = Pattern.compile("(\"(?:" + names + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|\\z)|-?[0-9][0-9.eE+-]*|true|false)",
                Pattern.CASE_INSENSITIVE);
    }

    /** The default fields, no patterns. */
    public static MessageMasking defaults() {
        return new MessageMasking(Set.of(), List.of());
    }

    /** Whether a field of this name is masked. */
    public boolean masksField(String name) {
        return name != null && fields.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Masks {@code node} in place (and returns it, or the replacement of a top-level string). */
    public JsonNode apply(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (masksField(e.getKey()) && !e.getValue().isNull()) {
                    e.setValue(StringNode.valueOf(MASK));
                } else {
                    e.setValue(apply(e.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, apply(array.get(i)));
            }
            return array;
        }
        if (node != null && node.isString() && !patterns.isEmpty()) {
            String masked = maskText(node.stringValue());
            return masked.equals(node.stringValue()) ? node : StringNode.valueOf(masked);
        }
        return node;
    }

    /** {@code text} with every pattern's matches masked. */
    public String maskText(String text) {
        return maskPatterns(text);
    }

    /**
     * A message as text (an XML envelope, a JSON body, possibly cut short): the masked fields' values masked where
     * they appear as XML elements or JSON members, then every pattern's matches.
     */
    public String maskMessageText(String text) {
        String fieldsMasked = jsonField.matcher(xmlField.matcher(text).replaceAll("$1" + MASK)).replaceAll("$1\"" + MASK + "\"");
        return maskPatterns(fieldsMasked);
    }

    private String maskPatterns(String text) {
        String result = text;
        for (Pattern p : patterns) {
            result = p.matcher(result).replaceAll(MASK);
        }
        return result;
    }
}
