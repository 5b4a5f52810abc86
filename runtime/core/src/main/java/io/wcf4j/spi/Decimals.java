package io.wcf4j.spi;

import java.math.BigDecimal;

/**
 * The one bound every binding holds a peer's decimals to: at most 1,000 digits, and a scale of at most 1,000 either
 * way. Whatever the wire (JSON, CBOR, XML, a path), money that is not within it is refused as a wrong value when it is
 * read: {@code 1e-999999999} is short text, but rounding, comparing or printing it plainly later costs time and
 * memory that grow with its exponent, and a million-digit number costs already while it is parsed.
 *
 * @since 0.1
 */
public final class Decimals {
    /** The most digits, and the largest scale either way. */
    public static final int MAX_DIGITS = 1000;
    private static final int MAX_UNSCALED_BITS = 3322; // about 1,000 decimal digits

    private Decimals() {
    }

    /** Whether a decimal is within the bound: found in constant time, whatever its size. */
    public static boolean isBounded(BigDecimal value) {
        return Math.abs(value.scale()) <= MAX_DIGITS && value.unscaledValue().bitLength() <= MAX_UNSCALED_BITS;
    }

    /**
     * A decimal's text as a bounded decimal.
     *
     * @throws NumberFormatException if it is not a decimal, or not one within the bound (refused before parsing when
     *                               its text alone is too long)
     */
    public static BigDecimal parse(String text) {
        String t = text.trim();
        if (t.length() > MAX_DIGITS + 16) {
            throw new NumberFormatException("a decimal of more than " + MAX_DIGITS + " digits");
        }
        BigDecimal value = new BigDecimal(t);
        if (!isBounded(value)) {
            throw new NumberFormatException("a decimal of more than " + MAX_DIGITS + " digits or a scale beyond " + MAX_DIGITS);
        }
        return value;
    }
}
