package io.wcf4j.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The validated settings of one binding configuration: typed values for the settings a binding declares,
 * defaults for the rest.
 *
 * @since 0.1
 */
public final class BindingSettings {
    private final Map<String, Object> values;

    private BindingSettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks raw configuration values against the binding's declared settings.
     *
     * @param path     the key path of the binding configuration, for messages
     * @param declared what the binding accepts
     * @param raw      the values from configuration or code (the {@code type} key excluded)
     * @throws ConfigException for an unknown key or a bad value
     */
    public static BindingSettings validate(String path, List<Setting<?>> declared, Map<String, ?> raw) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        declared.forEach(s -> byName.put(s.name(), s));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            Setting<?> s = byName.get(e.getKey());
            if (s == null) {
                throw new ConfigException(path + "." + e.getKey(),
                        "unknown setting; this binding accepts " + new TreeSet<>(byName.keySet()));
            }
            values.put(s.name(), s.parse(e.getValue(), path + "." + e.getKey()));
        }
        return new BindingSettings(values);
    }

    /** Settings with every value at its default. */
    public static BindingSettings defaults() {
        return new BindingSettings(Map.of());
    }

    /** The configured value, or the setting's default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting.name());
        return v == null ? setting.defaultValue() : (T) v;
    }

    /** Equal when the same settings have the same values (defaults left out count as left out). */
    @Override
    public boolean equals(Object o) {
        return o instanceof BindingSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The settings, with the values of password and secret settings masked. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, k.contains("password") || k.contains("secret") ? "***" : v));
        return shown.toString();
    }
}
