package io.wcf4j.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One typed setting of a binding configuration, with its name in configuration, its default and its parser.
 * A binding lists its settings ({@code Binding.settings()}); configuration values are checked against that
 * list at start-up, so an unknown key or a bad value fails with its key path.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class Setting<T> {
    private final String name;
    private final T defaultValue;
    private final String expected;
    private final Function<Object, T> parser;

    private Setting(String name, T defaultValue, String expected, Function<Object, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.parser = parser;
    }

    /** A size such as {@code 1MB}. */
    public static Setting<DataSize> size(String name, DataSize defaultValue) {
        return new Setting<>(name, defaultValue, "a size such as 64KB or 1MB",
                raw -> raw instanceof Number n ? DataSize.ofBytes(n.longValue()) : DataSize.parse(raw.toString()));
    }

    /** A duration such as {@code 30s}. */
    public static Setting<Duration> duration(String name, Duration defaultValue) {
        return new Setting<>(name, defaultValue, "a duration such as 250ms, 30s or 10m",
                raw -> raw instanceof Number n ? Duration.ofMillis(n.longValue()) : Durations.parse(raw.toString()));
    }

    /** A positive integer. */
    public static Setting<Integer> positiveInt(String name, int defaultValue) {
        return new Setting<>(name, defaultValue, "a positive integer", raw -> {
            int v = raw instanceof Number n ? n.intValue() : Integer.parseInt(raw.toString().trim());
            if (v <= 0 || (raw instanceof Number n && n.longValue() != v)) {
                throw new IllegalArgumentException("must be a positive integer, was " + raw);
            }
            return v;
        });
    }

    /** A boolean ({@code true} or {@code false}). */
    public static Setting<Boolean> bool(String name, boolean defaultValue) {
        return new Setting<>(name, defaultValue, "true or false", raw -> {
            String s = raw.toString().trim();
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("'" + s + "' is not true or false");
            }
            return Boolean.parseBoolean(s);
        });
    }

    /** One of a fixed set of strings. */
    public static Setting<String> choice(String name, String defaultValue, List<String> allowed) {
        return new Setting<>(name, defaultValue, "one of " + allowed, raw -> {
            String s = raw.toString().trim();
            if (!allowed.contains(s)) {
                throw new IllegalArgumentException("'" + s + "' is not one of " + allowed);
            }
            return s;
        });
    }

    /** Any non-empty string. */
    public static Setting<String> string(String name, String defaultValue) {
        return new Setting<>(name, defaultValue, "a string", raw -> {
            String s = raw.toString();
            if (s.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return s;
        });
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** Parses a raw configuration value, failing with the key path and what was expected. */
    public T parse(Object raw, String path) {
        if (raw == null) {
            throw new ConfigException(path, "no value (expected " + expected + ")");
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(path, "invalid value '" + raw + "': " + e.getMessage() + " (expected " + expected + ")");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
