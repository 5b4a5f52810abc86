package io.wcf4j.fuzz;

import java.math.BigDecimal;
import java.util.List;

/** Answers every call without failing on its own: whatever goes wrong is the framework's. */
public class FuzzedService implements Fuzzed {
    @Override
    public FuzzRecord echo(FuzzRecord record) {
        return record;
    }

    @Override
    public long sum(long a, int b) {
        return a + b;
    }

    @Override
    public BigDecimal scale(BigDecimal amount, int by) {
        // what the ledger does with an amount it was given: compare and round it, whatever its scale
        return amount == null ? null : amount.min(BigDecimal.valueOf(1_000_000)).setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    @Override
    public List<FuzzRecord> batch(List<FuzzRecord> records) {
        return records;
    }

    @Override
    public String check(String code) throws RefusedException {
        if (code != null && code.startsWith("no")) {
            throw new RefusedException("refused " + code, new Refusal(code));
        }
        return code;
    }
}
