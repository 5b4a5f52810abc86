package io.wcf4j.spi;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import java.time.Instant;

/**
 * The deadline a caller sends with a call: its remaining time in milliseconds, in the
 * {@value CommonSettings#TIMEOUT_HEADER} header (or the same value in a binding's own header slot).
 *
 * @since 0.1
 */
public final class Deadlines {
    private Deadlines() {
    }

    /**
     * The deadline for a timeout header value, counted from now; null when the header is absent.
     *
     * @throws ServiceException INVALID_ARGUMENT when the value is not a non-negative number of milliseconds
     */
    public static Instant fromTimeoutHeader(String value) {
        if (value == null) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return Instant.now().plusMillis(millis);
        } catch (NumberFormatException e) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, CommonSettings.TIMEOUT_HEADER
                    + " must be a non-negative number of milliseconds, was '" + value + "'");
        }
    }
}
