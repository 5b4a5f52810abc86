package io.wcf4j.config;

/**
 * A configuration value is unknown, missing or invalid. The message starts with the full key path
 * (e.g. {@code wcf4j.bindings.soap.soap-version}) and says what was expected.
 *
 * @since 0.1
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The key path of the offending value. */
    public String path() {
        return path;
    }
}
