package io.wcf4j.sample.ledger.service;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The settings of {@link JdbcLedgerService}.
 *
 * @param maxTransferAmount the largest amount one transfer may move; a larger one is refused, not split
 */
public record LedgerOptions(BigDecimal maxTransferAmount) {

    private static final BigDecimal DEFAULT_MAX_TRANSFER = new BigDecimal("1000000.00");

    public LedgerOptions {
        Objects.requireNonNull(maxTransferAmount, "maxTransferAmount");
        if (maxTransferAmount.signum() <= 0) {
            throw new IllegalArgumentException("maxTransferAmount must be positive, got " + maxTransferAmount);
        }
    }

    /** The defaults: transfers of at most 1,000,000.00. */
    public static LedgerOptions defaults() {
        return new LedgerOptions(DEFAULT_MAX_TRANSFER);
    }
}
