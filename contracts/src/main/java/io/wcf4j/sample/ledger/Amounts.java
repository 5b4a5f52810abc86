package io.wcf4j.sample.ledger;

import java.math.BigDecimal;

/**
 * Equality of money values for the data contracts' {@code equals}/{@code hashCode}.
 *
 * <p>{@link BigDecimal#equals} tells {@code 10.0} from {@code 10.00}; for an amount of money that difference is
 * noise (a client may build an expected value without the scale the service normalises to), so the beans
 * compare amounts numerically.
 */
final class Amounts {
    private Amounts() {
    }

    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static int hash(BigDecimal a) {
        // stripTrailingZeros makes numerically equal values hash alike (and maps every zero to BigDecimal.ZERO)
        return a == null ? 0 : a.stripTrailingZeros().hashCode();
    }
}
