package io.wcf4j.conformance;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** What the service saw of a call, as {@link ConformanceService#callInfo} reports it. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "CallInfo", propOrder = {"service", "endpoint", "binding", "remoteAddress", "principal", "verifiedPrincipal",
        "remainingMillis", "metadataValue"})
public class CallInfo {
    private String service;
    private String endpoint;
    private String binding;
    private String remoteAddress;
    private String principal;
    private String verifiedPrincipal;
    /** The time left to the call's deadline when the service saw it; -1 for no deadline. */
    private long remainingMillis;
    private String metadataValue;

    public CallInfo() {
    }

    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public String getBinding() { return binding; }
    public void setBinding(String binding) { this.binding = binding; }
    public String getRemoteAddress() { return remoteAddress; }
    public void setRemoteAddress(String remoteAddress) { this.remoteAddress = remoteAddress; }
    public String getPrincipal() { return principal; }
    public void setPrincipal(String principal) { this.principal = principal; }
    public String getVerifiedPrincipal() { return verifiedPrincipal; }
    public void setVerifiedPrincipal(String verifiedPrincipal) { this.verifiedPrincipal = verifiedPrincipal; }
    public long getRemainingMillis() { return remainingMillis; }
    public void setRemainingMillis(long remainingMillis) { this.remainingMillis = remainingMillis; }
    public String getMetadataValue() { return metadataValue; }
    public void setMetadataValue(String metadataValue) { this.metadataValue = metadataValue; }

    @Override
    public String toString() {
        return "CallInfo[service=" + service + ", endpoint=" + endpoint + ", binding=" + binding + ", remote=" + remoteAddress
                + ", principal=" + principal + ", verified=" + verifiedPrincipal + ", remaining=" + remainingMillis
                + ", metadata=" + metadataValue + "]";
    }
}
