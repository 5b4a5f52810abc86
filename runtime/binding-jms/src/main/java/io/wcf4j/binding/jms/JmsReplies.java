package io.wcf4j.binding.jms;

import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply to a request-reply call: the envelope in a bytes message to the request's {@code JMSReplyTo}, with the
 * SOAP/JMS properties, the response metadata, the request's correlation, and no longer a life than the caller
 * waits.
 */
final class JmsReplies {
    private static final Logger log = LoggerFactory.getLogger(JmsReplies.class);

    private final JmsAddress address;
    private final String contentType;
    private final WireTap tap;
    private final EndpointInfo endpoint;

    JmsReplies(JmsAddress address, String contentType, WireTap tap, EndpointInfo endpoint) {
        this.address = address;
        this.contentType = contentType;
        this.tap = tap;
        this.endpoint = endpoint;
    }

    void reply(Session session, MessageProducer producer, Message request, Destination replyTo, byte[] body, boolean fault,
               CallMetadata metadata) throws JMSException {
        if (tap != null) {
            tap.wholeMessage(endpoint, WireTap.Direction.SENT, (fault ? "fault to " : "reply to ") + request.getJMSMessageID(),
                    contentType, body);
        }
        BytesMessage reply = session.createBytesMessage();
        reply.writeBytes(body);
        JmsMetadataCodec.write(metadata, reply);
        reply.setStringProperty(SoapJmsProperties.BINDING_VERSION, SoapJmsProperties.VERSION_1_0);
        reply.setStringProperty(SoapJmsProperties.CONTENT_TYPE, contentType);
        reply.setStringProperty(SoapJmsProperties.REQUEST_URI, address.toString());
        if (fault) {
            reply.setBooleanProperty(SoapJmsProperties.IS_FAULT, true);
        }
        // SOAP/JMS: the reply carries the request's correlation id if it had one, else its message id
        String correlation = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID() : request.getJMSMessageID();
        reply.setJMSCorrelationID(correlation);
        long ttl = request.getJMSExpiration() > 0 ? Math.max(1000, request.getJMSExpiration() - System.currentTimeMillis()) : 0;
        try {
            producer.send(replyTo, reply, request.getJMSDeliveryMode(), Message.DEFAULT_PRIORITY, ttl);
        } catch (jakarta.jms.InvalidDestinationException gone) {
            // the caller's reply queue went with its connection: the call is done, there is no one to tell
            // (rolling back would only run it again, forever)
            log.debug("{}: reply to {} dropped: {}", address, replyTo, gone.getMessage());
        }
    }
}
