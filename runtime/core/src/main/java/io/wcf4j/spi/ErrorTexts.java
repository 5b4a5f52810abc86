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

    /**
     * A text a caller controls (a path, a header, a parser's message quoting the input), made safe for a log line: at
     * most 200 characters, and every control character, line breaks included, replaced by {@code _}, so that a caller
     * cannot forge log lines ({@code "null"} for null).
     */
    public static String forLog(Object text) {
        String s = truncate(String.valueOf(text));
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i)) || s.charAt(i) == '\u2028' || s.charAt(i) == '\u2029') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '_');
            }
        }
        return b == null ? s : b.toString();
    }

    /** At most 200 characters of a text, marked with an ellipsis when cut. */
    public static String truncate(String s) {
        return s.length() > MAX ? s.substring(0, MAX) + "..." : s;
    }
}
