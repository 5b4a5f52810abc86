package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A data contract for the ledger-wide totals: how many accounts exist and the sum of their balances.
 *
 * <p>Transfers never change the total balance, which makes it a cheap consistency check.
 * {@code equals} compares the balance numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Totals", propOrder = {"accounts", "totalBalance"})
public class Totals {
    private long accounts;
    private BigDecimal totalBalance;

    public Totals() {
    }

    public Totals(long accounts, BigDecimal totalBalance) {
        this.accounts = accounts;
        this.totalBalance = totalBalance;
    }

    public long getAccounts() { return accounts; }
    public void setAccounts(long accounts) { this.accounts = accounts; }
    public BigDecimal getTotalBalance() { return totalBalance; }
    public void setTotalBalance(BigDecimal totalBalance) { this.totalBalance = totalBalance; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Totals t && accounts == t.accounts && Amounts.same(totalBalance, t.totalBalance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accounts, Amounts.hash(totalBalance));
    }

    @Override
    public String toString() {
        return "Totals[accounts=" + accounts + ", totalBalance=" + totalBalance + "]";
    }
}
