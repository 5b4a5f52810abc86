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
     * The deadline for a remaining-time value, counted from now; null when the value is absent.
     *
     * @param slot the name of the header that carried it, for the message
     * @throws ServiceException INVALID_ARGUMENT when the value is not a non-negative number of milliseconds
     */
    public static Instant fromRemainingMillis(String value, String slot) {
        if (value == null) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis < 0) {
                throw new NumberFormatException();
            }
            // a remaining time beyond any real call is no deadline worth tracking precisely; capped, never overflowing
            return Instant.now().plusMillis(Math.min(millis, MAX_REMAINING_MILLIS));
        } catch (NumberFormatException e) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, slot
                    + " must be a non-negative number of milliseconds, was '" + ErrorTexts.truncate(value) + "'");
        }
    }

    /** The remaining time to a deadline in whole milliseconds, never negative. */
    public static long remainingMillis(Instant deadline) {
        return Math.max(0, java.time.Duration.between(Instant.now(), deadline).toMillis());
    }
}
