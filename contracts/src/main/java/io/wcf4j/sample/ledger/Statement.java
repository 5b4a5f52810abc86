package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data contract for an account statement: the account's most recent entries, oldest first.
 *
 * <p>The list is named {@code entries} on every wire: repeated {@code <entries>} elements in XML, an
 * {@code entries} array in JSON (the JSON mapping takes its names from the JAXB ones).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Statement", propOrder = {"accountId", "entries"})
public class Statement {
    private long accountId;
    private List<StatementEntry> entries = new ArrayList<>();

    public Statement() {
    }

    public Statement(long accountId, List<StatementEntry> entries) {
        this.accountId = accountId;
        this.entries = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
    }

    public long getAccountId() { return accountId; }
    public void setAccountId(long accountId) { this.accountId = accountId; }
    /** The entries, oldest first; never {@code null}. */
    public List<StatementEntry> getEntries() { return entries; }
    public void setEntries(List<StatementEntry> entries) { this.entries = entries == null ? new ArrayList<>() : entries; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statement s && accountId == s.accountId && Objects.equals(entries, s.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, entries);
    }

    @Override
    public String toString() {
        return "Statement[accountId=" + accountId + ", entries=" + entries + "]";
    }
}
