package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A data contract for a ledger account: its id, its owner and its current balance.
 *
 * <p>{@code equals} compares the balance numerically ({@code 10.0} equals {@code 10.00}).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Account", propOrder = {"id", "owner", "balance"})
public class Account {
    private long id;
    private String owner;
    private BigDecimal balance;

    public Account() {
    }

    public Account(long id, String owner, BigDecimal balance) {
        this.id = id;
        this.owner = owner;
        this.balance = balance;
    }

    public long getId() { return id; }
    public void setId(long id) { this.id = id; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public BigDecimal getBalance() { return balance; }
    public void setBalance(BigDecimal balance) { this.balance = balance; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account a && id == a.id && Objects.equals(owner, a.owner)
                && Amounts.same(balance, a.balance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, owner, Amounts.hash(balance));
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", owner=" + owner + ", balance=" + balance + "]";
    }
}
