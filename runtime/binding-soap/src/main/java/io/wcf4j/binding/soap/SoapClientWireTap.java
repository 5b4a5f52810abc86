package io.wcf4j.binding.soap;

import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.cxf.ext.logging.LoggingFeature;
import org.apache.cxf.ext.logging.event.EventType;
import org.apache.cxf.ext.logging.event.LogEvent;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;

/**
 * A SOAP client's envelopes handed to the client's {@link WireTap}, through CXF's own logging feature: it copies the
 * envelope as written to the transport (after WS-Security signed it) and as read from it, and masks WS-Security
 * passwords before the tap sees them. Added only when the client asked for its messages, so others pay nothing.
 */
final class SoapClientWireTap {
    private SoapClientWireTap() {
    }

    static void apply(JaxWsProxyFactoryBean factory, ChannelContext context) {
        WireTap tap = context.wireTap();
        if (tap == null) {
            return;
        }
        EndpointInfo endpoint = context.calledEndpoint();
        LoggingFeature feature = new LoggingFeature();
        feature.setLimit(tap.maxBytes());
        feature.setPrettyLogging(false);
        feature.addSensitiveElementNames(Set.of("Password"));
        feature.setSender(event -> report(tap, endpoint, event));
        factory.getFeatures().add(feature);
    }

    private static void report(WireTap tap, EndpointInfo endpoint, LogEvent event) {
        boolean sent = event.getType() == EventType.REQ_OUT;
        String kind = sent ? (event.getHttpMethod() == null ? "SEND" : event.getHttpMethod()) + " " + event.getAddress()
                : event.getResponseCode() != null ? event.getResponseCode() : event.getType() == EventType.FAULT_IN ? "fault" : "reply";
        byte[] payload = event.getPayload() == null ? new byte[0] : event.getPayload().getBytes(StandardCharsets.UTF_8);
        tap.message(endpoint, sent ? WireTap.Direction.SENT : WireTap.Direction.RECEIVED, kind, event.getContentType(),
                payload, event.isTruncated() ? -1 : payload.length);
    }
}
