package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.util.Objects;

/** The fault-info bean of {@link AccountNotFoundException}: the id of the account that does not exist. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "AccountNotFound", propOrder = {"accountId"})
public class AccountNotFound {
    private long accountId;

    public AccountNotFound() {
    }

    public AccountNotFound(long accountId) {
        this.accountId = accountId;
    }

    public long getAccountId() { return accountId; }
    public void setAccountId(long accountId) { this.accountId = accountId; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountNotFound a && accountId == a.accountId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId);
    }

    @Override
    public String toString() {
        return "AccountNotFound[accountId=" + accountId + "]";
    }
}
