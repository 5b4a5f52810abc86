package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A data contract for one change of an account's balance, pushed to subscribers of {@link LedgerNotifications}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "BalanceChange", propOrder = {"accountId", "transferId", "amount", "balance", "timestamp"})
public class BalanceChange {
    private long accountId;
    private long transferId;
    private BigDecimal amount;
    private BigDecimal balance;
    private Instant timestamp;

    public BalanceChange() {
    }

    public BalanceChange(long accountId, long transferId, BigDecimal amount, BigDecimal balance, Instant timestamp) {
        this.accountId = accountId;
        this.transferId = transferId;
        this.amount = amount;
        this.balance = balance;
        this.timestamp = timestamp;
    }

    public long getAccountId() { return accountId; }
    public void setAccountId(long accountId) { this.accountId = accountId; }
    /** The transfer that changed the balance. */
    public long getTransferId() { return transferId; }
    public void setTransferId(long transferId) { this.transferId = transferId; }
    /** The signed amount: negative when money left the account. */
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    /** The balance after the change. */
    public BigDecimal getBalance() { return balance; }
    public void setBalance(BigDecimal balance) { this.balance = balance; }
    public Instant getTimestamp() { return timestamp; }
    public void setTimestamp(Instant timestamp) { this.timestamp = timestamp; }

    @Override
    public boolean equals(Object o) {
        return o instanceof BalanceChange c && accountId == c.accountId && transferId == c.transferId
                && Amounts.same(amount, c.amount) && Amounts.same(balance, c.balance) && Objects.equals(timestamp, c.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, transferId, Amounts.hash(amount), Amounts.hash(balance), timestamp);
    }

    @Override
    public String toString() {
        return "BalanceChange[account=" + accountId + ", transfer=" + transferId + ", amount=" + amount + ", balance=" + balance + "]";
    }
}
