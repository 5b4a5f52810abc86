package io.wcf4j.spi;

/**
 * Short texts for error messages built from what a caller sent or a parser said: a peer's input is not
 * echoed back whole.
 *
 * @since 0.1
 */
public final class ErrorTexts {
    private static final int MAX = 200;

    private ErrorTexts() {
    }

    /** The first line of a message, at most 200 characters ({@code ""} for null). */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return truncate(nl < 0 ? s : s.substring(0, nl));
    }

    /** At most 200 characters of a text, marked with an ellipsis when cut. */
    public static String truncate(String s) {
        return s.length() > MAX ? s.substring(0, MAX) + "..." : s;
    }
}
