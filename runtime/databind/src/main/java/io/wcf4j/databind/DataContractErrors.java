package io.wcf4j.databind;

import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a value a caller sent, in the contract's terms: where ({@code payload.count}), what the
 * contract expects there (an integer, a decimal, one of the enum's values, an object) and what came. Jackson's own
 * messages name Java classes, its features and its limits' methods; a caller of a service, who may not write Java,
 * gets this instead, on every binding.
 *
 * @since 0.2
 */
public final class DataContractErrors {
    private DataContractErrors() {
    }

    /** The path of the bad value inside what was read ({@code payload.tags[2]}), or empty. */
    public static String path(JacksonException e) {
        if (!(e instanceof DatabindException d)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        // an unknown field's path ends with that field, which describe() names: the path is where it was found
        java.util.List<JacksonException.Reference> references = e instanceof UnrecognizedPropertyException && !d.getPath().isEmpty()
                ? d.getPath().subList(0, d.getPath().size() - 1) : d.getPath();
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What was wrong, without the path: e.g. {@code 'lots' is not a decimal}, {@code unknown field 'admin'}. */
    public static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty() ? ""
                    : "; expected one of " + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList());
            return "unknown field '" + u.getPropertyName() + "'" + known;
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not " + kind(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            String found = found(e);
            return "expected " + kind(m.getTargetType()) + (found == null ? "" : ", found " + found);
        }
        if (e instanceof StreamConstraintsException) {
            // "... exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)": the limit, not the method
            return "a value is over a size limit: " + withoutCode(e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""));
        }
        if (e instanceof DatabindException) {
            return "a value of the wrong type or form";
        }
        return withoutCode(firstLine(e.getOriginalMessage()));
    }

    /** {@link #path} and {@link #describe} together: {@code at 'payload.count': expected an integer, found null}. */
    public static String explain(JacksonException e) {
        String path = path(e);
        return (path.isEmpty() ? "" : "at '" + path + "': ") + describe(e);
    }

    /**
     * A type as the contract description names its kind ({@link DataContractDocuments#kind}), in words: "an integer",
     * "a decimal", "one of [A, B]"; never a Java name.
     */
    public static String kind(Class<?> c) {
        if (c == null) {
            return "another kind of value";
        }
        ObjectMapper mapper = DataContractMapper.json();
        return switch (DataContractDocuments.kind(mapper.constructType(c))) {
            case "string" -> "text";
            case "decimal" -> "a decimal";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "date-time" -> "a date-time";
            case "date" -> "a date";
            case "enum" -> {
                TreeSet<String> values = new TreeSet<>();
                DataContractDocuments.enumValues(mapper, c).forEach(v -> values.add(v.asString()));
                yield "one of " + values;
            }
            case "list" -> "a list";
            case "object" -> "an object";
            default -> Map.class.isAssignableFrom(c) ? "a map" : "a value";
        };
    }

    /** What came instead, from the parser where it still says, else from Jackson's wording; null when unknown. */
    private static String found(JacksonException e) {
        JsonToken t = e.processor() instanceof JsonParser p && !p.isClosed() ? p.currentToken() : null;
        if (t != null) {
            return switch (t) {
                case VALUE_NULL -> "null";
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case START_ARRAY, END_ARRAY -> "a list";
                case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
                default -> null;
            };
        }
        String m = firstLine(e.getOriginalMessage());
        if (m.contains("`null`") || m.contains("null value")) {
            return "null";
        }
        if (m.contains("from String") || m.contains("String value")) {
            return "text";
        }
        if (m.contains("from Array") || m.contains("START_ARRAY")) {
            return "a list";
        }
        if (m.contains("from Object") || m.contains("START_OBJECT")) {
            return "an object";
        }
        if (m.contains("from Integer") || m.contains("from Floating-point") || m.contains("Number value")) {
            return "a number";
        }
        if (m.contains("from Boolean")) {
            return "true or false";
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * A parser's message without what only Jackson's users understand: the source location (the caller gets its own
     * position elsewhere) and back-quoted Java names ({@code `java.lang.Long`}).
     */
    private static String withoutCode(String s) {
        String cut = s.replaceAll("\\s*\\(?(start marker )?at \\[Source:.*$", "");
        return cut.replaceAll("\\s*\\(for type `[^`]*`\\)", "").replaceAll("`[^`]*`", "a value");
    }
}
