package io.wcf4j.fuzz;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A data contract of every kind of value: text, money, integers, a flag, an enum, a list and itself nested. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "FuzzRecord", propOrder = {"text", "amount", "count", "small", "flag", "colour", "tags", "child"})
public class FuzzRecord {
    /** An enum of the contract. */
    public enum Colour { RED, GREEN, BLUE }

    private String text;
    private BigDecimal amount;
    private long count;
    private int small;
    private boolean flag;
    private Colour colour;
    private List<String> tags = new ArrayList<>();
    private FuzzRecord child;

    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public long getCount() { return count; }
    public void setCount(long count) { this.count = count; }
    public int getSmall() { return small; }
    public void setSmall(int small) { this.small = small; }
    public boolean isFlag() { return flag; }
    public void setFlag(boolean flag) { this.flag = flag; }
    public Colour getColour() { return colour; }
    public void setColour(Colour colour) { this.colour = colour; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags == null ? new ArrayList<>() : tags; }
    public FuzzRecord getChild() { return child; }
    public void setChild(FuzzRecord child) { this.child = child; }
}
