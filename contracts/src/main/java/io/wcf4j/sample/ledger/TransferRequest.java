package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A data contract asking to move an amount from one account to another.
 *
 * <p>{@code requestId} is chosen by the caller and makes the transfer idempotent: sending the same id again
 * returns the first transfer's receipt and moves no money, so a caller that lost a reply can safely retry.
 * {@code equals} compares the amount numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "TransferRequest", propOrder = {"requestId", "fromAccount", "toAccount", "amount"})
public class TransferRequest {
    private String requestId;
    private long fromAccount;
    private long toAccount;
    private BigDecimal amount;

    public TransferRequest() {
    }

    public TransferRequest(String requestId, long fromAccount, long toAccount, BigDecimal amount) {
        this.requestId = requestId;
        this.fromAccount = fromAccount;
        this.toAccount = toAccount;
        this.amount = amount;
    }

    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public long getFromAccount() { return fromAccount; }
    public void setFromAccount(long fromAccount) { this.fromAccount = fromAccount; }
    public long getToAccount() { return toAccount; }
    public void setToAccount(long toAccount) { this.toAccount = toAccount; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferRequest r && Objects.equals(requestId, r.requestId)
                && fromAccount == r.fromAccount && toAccount == r.toAccount && Amounts.same(amount, r.amount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, fromAccount, toAccount, Amounts.hash(amount));
    }

    @Override
    public String toString() {
        return "TransferRequest[requestId=" + requestId + ", fromAccount=" + fromAccount + ", toAccount=" + toAccount
                + ", amount=" + amount + "]";
    }
}
