package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import java.time.Instant;

/**
 * The deadline as most wires carry it: the caller's remaining time in milliseconds (decimal), in the
 * {@value CommonSettings#TIMEOUT_HEADER} HTTP header or a binding's own slot (the {@code deadline} frame header).
 *
 * @since 0.1
 */
public final class Deadlines {
    /** The longest remaining time taken as given (30 days); longer ones are capped to it. */
    public static final long MAX_REMAINING_MILLIS = 30L * 24 * 3600 * 1000;

    private Deadlines() {
    }

    /**
     * The deadline for a remaining-time value, counted from now; null when the value is absent. The value is ASCII
     * decimal digits (blanks around them are ignored): no sign, point, exponent or unit. One beyond
     * {@link #MAX_REMAINING_MILLIS} is taken as that, however many digits it has.
     *
     * @param slot the name of the header that carried it, for the message
     * @throws ServiceException INVALID_ARGUMENT when the value is not such a number
     */
    public static Instant fromRemainingMillis(String value, String slot) {
        if (value == null) {
            return null;
        }
        String digits = value.trim();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, slot
                    + " must be a non-negative number of milliseconds (decimal digits), was '" + ErrorTexts.truncate(value) + "'");
        }
        // a remaining time beyond any real call is no deadline worth tracking precisely; capped, never overflowing
        long millis = digits.length() > 18 ? MAX_REMAINING_MILLIS : Math.min(Long.parseLong(digits), MAX_REMAINING_MILLIS);
        return Instant.now().plusMillis(millis);
    }

    /** The remaining time to a deadline in whole milliseconds, never negative. */
    public static long remainingMillis(Instant deadline) {
        return Math.max(0, java.time.Duration.between(Instant.now(), deadline).toMillis());
    }
}
