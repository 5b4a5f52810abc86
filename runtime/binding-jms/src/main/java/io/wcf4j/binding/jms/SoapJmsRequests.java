package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.ErrorTexts;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

/**
 * Message validation: what makes a JMS message a SOAP/JMS request this endpoint reads (W3C SOAP over JMS 1.0:
 * a bytes or text message, binding version 1.0, a SOAP content type, a body under the size limit). A message that
 * is not is {@link Refused} with a typed code, before any SOAP processing.
 */
final class SoapJmsRequests {
    private SoapJmsRequests() {
    }

    /** The request's SOAP content type. */
    static String contentTypeOf(Message m) throws JMSException {
        if (!(m instanceof BytesMessage) && !(m instanceof TextMessage)) {
            throw new Refused(FaultCode.INVALID_ARGUMENT, "a SOAP/JMS request must be a BytesMessage or a TextMessage, not "
                    + m.getClass().getSimpleName().replace("ActiveMQ", ""));
        }
        try {
            String version = m.getStringProperty(SoapJmsProperties.BINDING_VERSION);
            if (!SoapJmsProperties.VERSION_1_0.equals(version)) {
                throw new Refused(FaultCode.INVALID_ARGUMENT, SoapJmsProperties.BINDING_VERSION + " must be \"1.0\", was "
                        + (version == null ? "missing" : "\"" + version + "\""));
            }
            String contentType = m.getStringProperty(SoapJmsProperties.CONTENT_TYPE);
            if (contentType == null || !(contentType.startsWith("text/xml") || contentType.startsWith("application/soap+xml"))) {
                throw new Refused(FaultCode.INVALID_ARGUMENT, SoapJmsProperties.CONTENT_TYPE
                        + " must be text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2), was "
                        + (contentType == null ? "missing" : "\"" + ErrorTexts.truncate(contentType) + "\""));
            }
            String charset = charsetOf(contentType);
            if (charset != null && !isSupported(charset)) {
                // found by fuzzing: CXF failed on it after the message was taken, again on every redelivery
                throw new Refused(FaultCode.INVALID_ARGUMENT, SoapJmsProperties.CONTENT_TYPE + " names the charset \""
                        + ErrorTexts.truncate(charset) + "\", which this endpoint cannot read");
            }
            return contentType;
        } catch (MessageFormatException e) {
            throw new Refused(FaultCode.INVALID_ARGUMENT, "unreadable SOAP/JMS property: " + e.getMessage());
        }
    }

    /** A content type's {@code charset} parameter, unquoted; null when it has none. */
    static String charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String value = p.substring(8).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException notAName) {
            return false;
        }
    }

    /** The request's envelope bytes, refused past {@code maxMessageSize}. */
    static byte[] bodyOf(Message m, long maxMessageSize) throws JMSException {
        if (m instanceof BytesMessage bm) {
            long length = bm.getBodyLength();
            if (length > maxMessageSize) {
                throw tooLarge(length, maxMessageSize);
            }
            byte[] body = new byte[(int) length];
            bm.readBytes(body);
            return body;
        }
        // refused before its text is made: Artemis keeps a text body as UTF-16, at least 2 bytes a character where
        // UTF-8 has at least 1, so a body over twice the limit (and a small header) is over the limit in UTF-8 too
        if (m instanceof ActiveMQMessage artemis) {
            long encoded = artemis.getCoreMessage().getBodySize();
            if (encoded > 2 * maxMessageSize + TEXT_BODY_HEADER) {
                throw new Refused(FaultCode.MESSAGE_TOO_LARGE, "text message of at least " + (encoded - TEXT_BODY_HEADER) / 2
                        + " characters is larger than the limit of " + maxMessageSize + " bytes (refused before it was read)");
            }
        }
        String text = ((TextMessage) m).getText();
        byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        if (body.length > maxMessageSize) {
            throw tooLarge(body.length, maxMessageSize);
        }
        return body;
    }

    /** What Artemis writes before a text body's characters (a null flag and a length), with room to spare. */
    private static final int TEXT_BODY_HEADER = 64;

    private static Refused tooLarge(long length, long limit) {
        return new Refused(FaultCode.MESSAGE_TOO_LARGE, "message of " + length + " bytes is larger than the limit of "
                + limit + " bytes");
    }
}
