package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fault-info bean of {@link InsufficientFundsException}: the account to be debited, its balance when the
 * transfer was refused, and the amount the transfer needed. {@code equals} compares amounts numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "InsufficientFunds", propOrder = {"accountId", "balance", "requested"})
public class InsufficientFunds {
    private long accountId;
    private BigDecimal balance;
    private BigDecimal requested;

    public InsufficientFunds() {
    }

    public InsufficientFunds(long accountId, BigDecimal balance, BigDecimal requested) {
        this.accountId = accountId;
        this.balance = balance;
        this.requested = requested;
    }

    public long getAccountId() { return accountId; }
    public void setAccountId(long accountId) { this.accountId = accountId; }
    public BigDecimal getBalance() { return balance; }
    public void setBalance(BigDecimal balance) { this.balance = balance; }
    public BigDecimal getRequested() { return requested; }
    public void setRequested(BigDecimal requested) { this.requested = requested; }

    @Override
    public boolean equals(Object o) {
        return o instanceof InsufficientFunds f && accountId == f.accountId && Amounts.same(balance, f.balance)
                && Amounts.same(requested, f.requested);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, Amounts.hash(balance), Amounts.hash(requested));
    }

    @Override
    public String toString() {
        return "InsufficientFunds[accountId=" + accountId + ", balance=" + balance + ", requested=" + requested + "]";
    }
}
