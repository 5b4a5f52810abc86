package io.wcf4j.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in configuration as {@code 512}, {@code 64KB}, {@code 1MB} or {@code 2GB}
 * (binary multiples, as Spring's {@code DataSize}).
 *
 * @since 0.1
 */
public record DataSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("^\\s*(\\d+)\\s*([KMG]?B)?\\s*$", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKilobytes(long kb) {
        return new DataSize(Math.multiplyExact(kb, 1024L));
    }

    public static DataSize ofMegabytes(long mb) {
        return new DataSize(Math.multiplyExact(mb, 1024L * 1024L));
    }

    /** Parses {@code 1MB}-style text; throws {@link IllegalArgumentException} on anything else. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected e.g. 512, 64KB, 1MB, 2GB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KB" -> ofKilobytes(n);
            case "MB" -> ofMegabytes(n);
            case "GB" -> new DataSize(Math.multiplyExact(n, 1024L * 1024L * 1024L));
            default -> new DataSize(n);
        };
    }

    /** The size as an int, for APIs that take one (capped at {@link Integer#MAX_VALUE}). */
    public int toIntBytes() {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    @Override
    public String toString() {
        if (bytes % (1024L * 1024L) == 0 && bytes > 0) {
            return bytes / (1024L * 1024L) + "MB";
        }
        if (bytes % 1024L == 0 && bytes > 0) {
            return bytes / 1024L + "KB";
        }
        return bytes + "B";
    }
}
