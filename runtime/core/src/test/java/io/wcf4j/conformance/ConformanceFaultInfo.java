package io.wcf4j.conformance;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The typed detail of {@link ConformanceFaultException}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "ConformanceFaultInfo", propOrder = {"code", "retryable"})
public class ConformanceFaultInfo {
    private String code;
    private boolean retryable;

    public ConformanceFaultInfo() {
    }

    public ConformanceFaultInfo(String code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public boolean isRetryable() { return retryable; }
    public void setRetryable(boolean retryable) { this.retryable = retryable; }
}
