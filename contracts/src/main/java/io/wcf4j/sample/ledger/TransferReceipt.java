package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A data contract for the proof of a completed transfer: what moved, the balances of both accounts right after
 * it, and when.
 *
 * <p>Repeating a transfer request returns an equal receipt. {@code equals} compares amounts numerically.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "TransferReceipt", propOrder = {"transferId", "requestId", "fromAccount", "toAccount", "amount",
        "fromBalance", "toBalance", "timestamp"})
public class TransferReceipt {
    private long transferId;
    private String requestId;
    private long fromAccount;
    private long toAccount;
    private BigDecimal amount;
    private BigDecimal fromBalance;
    private BigDecimal toBalance;
    private Instant timestamp;

    public TransferReceipt() {
    }

    public TransferReceipt(long transferId, String requestId, long fromAccount, long toAccount, BigDecimal amount,
                           BigDecimal fromBalance, BigDecimal toBalance, Instant timestamp) {
        this.transferId = transferId;
        this.requestId = requestId;
        this.fromAccount = fromAccount;
        this.toAccount = toAccount;
        this.amount = amount;
        this.fromBalance = fromBalance;
        this.toBalance = toBalance;
        this.timestamp = timestamp;
    }

    public long getTransferId() { return transferId; }
    public void setTransferId(long transferId) { this.transferId = transferId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public long getFromAccount() { return fromAccount; }
    public void setFromAccount(long fromAccount) { this.fromAccount = fromAccount; }
    public long getToAccount() { return toAccount; }
    public void setToAccount(long toAccount) { this.toAccount = toAccount; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    /** The balance of the debited account right after the transfer. */
    public BigDecimal getFromBalance() { return fromBalance; }
    public void setFromBalance(BigDecimal fromBalance) { this.fromBalance = fromBalance; }
    /** The balance of the credited account right after the transfer. */
    public BigDecimal getToBalance() { return toBalance; }
    public void setToBalance(BigDecimal toBalance) { this.toBalance = toBalance; }
    public Instant getTimestamp() { return timestamp; }
    public void setTimestamp(Instant timestamp) { this.timestamp = timestamp; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferReceipt r && transferId == r.transferId && Objects.equals(requestId, r.requestId)
                && fromAccount == r.fromAccount && toAccount == r.toAccount && Amounts.same(amount, r.amount)
                && Amounts.same(fromBalance, r.fromBalance) && Amounts.same(toBalance, r.toBalance)
                && Objects.equals(timestamp, r.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferId, requestId, fromAccount, toAccount, Amounts.hash(amount),
                Amounts.hash(fromBalance), Amounts.hash(toBalance), timestamp);
    }

    @Override
    public String toString() {
        return "TransferReceipt[transferId=" + transferId + ", requestId=" + requestId + ", fromAccount=" + fromAccount
                + ", toAccount=" + toAccount + ", amount=" + amount + ", fromBalance=" + fromBalance
                + ", toBalance=" + toBalance + ", timestamp=" + timestamp + "]";
    }
}
