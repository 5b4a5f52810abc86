package io.wcf4j.annotation;

/**
 * How service instances are created (WCF's {@code InstanceContextMode}).
 *
 * @since 0.1
 */
public enum InstanceMode {
    /** A new instance per call (the default). */
    PER_CALL,
    /**
     * One instance per client session. A binding without sessions (plain HTTP) has a session per call,
     * so this behaves as {@link #PER_CALL} there, as in WCF.
     */
    PER_SESSION,
    /** One instance for every call; it must be thread-safe. */
    SINGLE;

    /** Parses the configuration spelling ({@code per-call}, {@code per-session}, {@code single}). */
    public static InstanceMode fromConfig(String value) {
        for (InstanceMode m : values()) {
            if (m.configName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException(value);
    }

    /** The configuration spelling of this mode. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
