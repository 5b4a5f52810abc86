package io.wcf4j.fuzz;

/** What every target accepts as an answer to hostile input, and what it reports as a finding. */
final class Answers {
    private Answers() {
    }

    /**
     * A SOAP endpoint's answer: a reply (200), a SOAP fault (500 per SOAP 1.1, 4xx for what HTTP itself refuses), never
     * the framework's own failure.
     */
    static void checkSoap(int status, String body) {
        if (status == 200 || status == 202) {
            return;
        }
        if (status == 500 && !body.contains(":Fault>")) {
            throw new AssertionError("HTTP 500 without a SOAP fault: " + abbreviate(body));
        }
        if (status >= 500 && status != 500) {
            throw new AssertionError("HTTP " + status + ": " + abbreviate(body));
        }
        checkNotInternal(body);
    }

    private static final java.util.regex.Pattern SOAP_CODE = java.util.regex.Pattern.compile("urn:wcf4j:error\"?>\\s*INTERNAL\\s*<");
    private static final java.util.regex.Pattern JSON_CODE = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"INTERNAL\"");

    /**
     * No refusal of bad input may be INTERNAL: that is an exception the framework did not expect. The code is looked
     * for where the wire puts it (a SOAP fault's {@code <wcf4j:code>}, a problem document's {@code code}), not in text
     * the input may have put in a message.
     */
    static void checkNotInternal(String body) {
        if (SOAP_CODE.matcher(body).find() || JSON_CODE.matcher(body).find()) {
            throw new AssertionError("the framework failed on this input (INTERNAL): " + abbreviate(body));
        }
    }

    static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
