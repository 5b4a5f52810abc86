package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fault-info bean of {@link InvalidAmountException}: the amount as the caller sent it ({@code null} when it
 * was missing) and why it was refused. {@code equals} compares the amount numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "InvalidAmount", propOrder = {"amount", "reason"})
public class InvalidAmount {
    private BigDecimal amount;
    private String reason;

    public InvalidAmount() {
    }

    public InvalidAmount(BigDecimal amount, String reason) {
        this.amount = amount;
        this.reason = reason;
    }

    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvalidAmount a && Amounts.same(amount, a.amount) && Objects.equals(reason, a.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Amounts.hash(amount), reason);
    }

    @Override
    public String toString() {
        return "InvalidAmount[amount=" + amount + ", reason=" + reason + "]";
    }
}
