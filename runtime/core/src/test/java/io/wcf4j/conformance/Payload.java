package io.wcf4j.conformance;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A data contract of the conformance suite: scalars, a decimal, a list and a nested value. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Payload", propOrder = {"text", "amount", "count", "flag", "tags", "child"})
public class Payload {
    private String text;
    private BigDecimal amount;
    private long count;
    private boolean flag;
    private List<String> tags = new ArrayList<>();
    private Payload child;

    public Payload() {
    }

    public Payload(String text, BigDecimal amount, long count, boolean flag, List<String> tags, Payload child) {
        this.text = text;
        this.amount = amount;
        this.count = count;
        this.flag = flag;
        this.tags = new ArrayList<>(tags);
        this.child = child;
    }

    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public long getCount() { return count; }
    public void setCount(long count) { this.count = count; }
    public boolean isFlag() { return flag; }
    public void setFlag(boolean flag) { this.flag = flag; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags == null ? new ArrayList<>() : tags; }
    public Payload getChild() { return child; }
    public void setChild(Payload child) { this.child = child; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Objects.equals(text, p.text) && Objects.equals(amount, p.amount)
                && count == p.count && flag == p.flag && Objects.equals(tags, p.tags) && Objects.equals(child, p.child);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, amount, count, flag, tags, child);
    }

    @Override
    public String toString() {
        return "Payload[text=" + (text == null ? null : text.length() > 40 ? text.substring(0, 40) + "..." : text)
                + ", amount=" + amount + ", count=" + count + ", flag=" + flag + ", tags=" + tags + ", child=" + child + "]";
    }
}
