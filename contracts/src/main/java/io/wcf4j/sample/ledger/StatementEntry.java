package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A data contract for one line of an account statement: a signed change of the balance and the balance after it.
 *
 * <p>{@code amount} is negative for money going out and positive for money coming in; {@code transferId} is
 * {@code null} for the opening deposit, which belongs to no transfer. {@code equals} compares amounts numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "StatementEntry", propOrder = {"transferId", "amount", "balanceAfter", "timestamp"})
public class StatementEntry {
    private Long transferId;
    private BigDecimal amount;
    private BigDecimal balanceAfter;
    private Instant timestamp;

    public StatementEntry() {
    }

    public StatementEntry(Long transferId, BigDecimal amount, BigDecimal balanceAfter, Instant timestamp) {
        this.transferId = transferId;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.timestamp = timestamp;
    }

    /** The transfer that made this entry, or {@code null} for the opening deposit. */
    public Long getTransferId() { return transferId; }
    public void setTransferId(Long transferId) { this.transferId = transferId; }
    /** The signed change: negative when money went out. */
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public BigDecimal getBalanceAfter() { return balanceAfter; }
    public void setBalanceAfter(BigDecimal balanceAfter) { this.balanceAfter = balanceAfter; }
    public Instant getTimestamp() { return timestamp; }
    public void setTimestamp(Instant timestamp) { this.timestamp = timestamp; }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementEntry e && Objects.equals(transferId, e.transferId)
                && Amounts.same(amount, e.amount) && Amounts.same(balanceAfter, e.balanceAfter)
                && Objects.equals(timestamp, e.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferId, Amounts.hash(amount), Amounts.hash(balanceAfter), timestamp);
    }

    @Override
    public String toString() {
        return "StatementEntry[transferId=" + transferId + ", amount=" + amount + ", balanceAfter=" + balanceAfter
                + ", timestamp=" + timestamp + "]";
    }
}
