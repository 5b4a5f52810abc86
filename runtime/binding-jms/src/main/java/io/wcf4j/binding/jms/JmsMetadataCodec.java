package io.wcf4j.binding.jms;

import io.wcf4j.spi.CallMetadata;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call metadata of SOAP over JMS in JMS message properties, both ways. A JMS property name must be a Java
 * identifier, so a metadata key is mangled as Apache Camel's JMS component does it: {@code -} becomes
 * {@code _HYPHEN_} and {@code .} becomes {@code _DOT_} ({@code idempotency-key} travels as
 * {@code idempotency_HYPHEN_key}), and is lower-cased when read. A key that cannot be made an identifier (one
 * with other punctuation, one starting with a digit or with {@code JMS}) is not sent, and a debug line says so.
 * Several values of a key travel joined with {@code ", "}, as in HTTP. The deadline is the message's expiration
 * (the sender's time-to-live), not a property.
 *
 * <p>What is not metadata: the JMS headers and provider properties ({@code JMS*}, {@code _AMQ*}) and wcf4j's retry
 * bookkeeping ({@link SoapJmsProperties}). The SOAP/JMS properties are ({@code soapjms_soapaction} ...), and so is
 * the message id of a received request, as {@code jms-message-id}.
 *
 * <p>Stateless and thread-safe.
 */
final class JmsMetadataCodec {
    private static final Logger log = LoggerFactory.getLogger(JmsMetadataCodec.class);
    /** The key of a received message's JMS message id. */
    static final String MESSAGE_ID = "jms-message-id";
    private static final String HYPHEN = "_HYPHEN_";
    private static final String DOT = "_DOT_";
    private static final Set<String> BOOKKEEPING = Set.of(SoapJmsProperties.ATTEMPT, SoapJmsProperties.ERROR_CODE,
            SoapJmsProperties.ERROR_MESSAGE, SoapJmsProperties.ORIGINAL_QUEUE, SoapJmsProperties.ORIGINAL_MESSAGE_ID,
            SoapJmsProperties.DEAD_LETTERED);
    /** Words a JMS selector reserves; a property may not be named so. */
    private static final Set<String> RESERVED = Set.of("null", "true", "false", "not", "and", "or", "between", "like",
            "in", "is", "escape");

    private JmsMetadataCodec() {
    }

    /** The metadata of a received message: its own properties and its expiration as the deadline. */
    static CallMetadata read(Message m) throws JMSException {
        CallMetadata.Builder b = CallMetadata.builder();
        @SuppressWarnings("unchecked")
        Enumeration<String> names = (Enumeration<String>) m.getPropertyNames();
        for (String name : Collections.list(names)) {
            if (isMetadata(name)) {
                String value = m.getStringProperty(name);
                if (value != null) {
                    b.addIfValid(demangle(name), value);
                }
            }
        }
        if (m.getJMSMessageID() != null) {
            b.addIfValid(MESSAGE_ID, m.getJMSMessageID());
        }
        if (m.getJMSExpiration() > 0) {
            // the caller's time-to-live is its deadline: a call it gave up on is not run
            b.deadline(Instant.ofEpochMilli(m.getJMSExpiration()));
        }
        return b.build();
    }

    /** Sets the metadata's entries as properties of a message to send (the deadline goes in the time-to-live). */
    static void write(CallMetadata metadata, Message m) throws JMSException {
        for (Map.Entry<String, List<String>> e : metadata.asMap().entrySet()) {
            if (e.getKey().equals(MESSAGE_ID)) {
                continue; // the broker's to assign
            }
            String name = mangle(e.getKey());
            if (name == null) {
                log.debug("metadata key '{}' cannot be a JMS property name; not sent", e.getKey());
                continue;
            }
            m.setStringProperty(name, String.join(", ", e.getValue()));
        }
    }

    /** The property name of a metadata key, or null when it cannot be one. */
    static String mangle(String key) {
        String name = key.replace("-", HYPHEN).replace(".", DOT);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || name.regionMatches(true, 0, "JMS", 0, 3) || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return null;
            }
        }
        return isMetadata(name) ? name : null;
    }

    /** The metadata key of a property name. */
    static String demangle(String name) {
        return name.replace(HYPHEN, "-").replace(DOT, ".").toLowerCase(Locale.ROOT);
    }

    private static boolean isMetadata(String name) {
        return !name.regionMatches(true, 0, "JMS", 0, 3) && !name.startsWith("_AMQ") && !BOOKKEEPING.contains(name);
    }
}
