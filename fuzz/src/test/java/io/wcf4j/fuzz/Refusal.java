package io.wcf4j.fuzz;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of {@link RefusedException}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Refusal", propOrder = {"code"})
public class Refusal {
    private String code;

    public Refusal() {
    }

    public Refusal(String code) {
        this.code = code;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
}
