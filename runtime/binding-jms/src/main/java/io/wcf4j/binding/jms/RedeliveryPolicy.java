package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy of one endpoint: a failed one-way call goes back on its queue after {@code redelivery-delay},
 * doubled with each further attempt up to {@code max-redelivery-delay}
 * (a JMS 2.0 delivery delay, in the consumer's transaction), counting its attempts in {@code wcf4j_attempt}; after
 * {@code max-delivery-attempts}, or at once when the message itself is at fault, it goes to the dead-letter queue
 * with the reason. The message's body is never touched; only bookkeeping properties change (docs/jms.md).
 */
final class RedeliveryPolicy {
    private static final Logger log = LoggerFactory.getLogger(RedeliveryPolicy.class);
    /** Deliveries without a settlement (rollbacks, crashes) after which a message is dead-lettered as it is. */
    static final int MAX_UNSETTLED_DELIVERIES = 10;

    private final JmsAddress address;
    private final String deadLetterQueue;
    private final int maxAttempts;
    private final Duration redeliveryDelay;
    private final Duration maxRedeliveryDelay;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    /** Messages put back for a later attempt, and messages moved to the dead-letter queue, since the endpoint opened. */
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();

    RedeliveryPolicy(JmsAddress address, String deadLetterQueue, int maxAttempts, Duration redeliveryDelay, Duration maxRedeliveryDelay) {
        this.address = address;
        this.deadLetterQueue = deadLetterQueue;
        this.maxAttempts = maxAttempts;
        this.redeliveryDelay = redeliveryDelay;
        this.maxRedeliveryDelay = maxRedeliveryDelay;
    }

    /**
     * Parks a message delivered more than {@link #MAX_UNSETTLED_DELIVERIES} times (rolled back again and again: it could
     * not be settled, or the host died with it each time) in the dead-letter queue, where a person will look, instead
     * of running it once more.
     *
     * @return true if it was dead-lettered (the caller commits and is done with it)
     */
    boolean deadLetterIfNeverSettled(MessageProducer producer, Message m) throws JMSException {
        int deliveries = deliveriesOf(m);
        if (deliveries <= MAX_UNSETTLED_DELIVERIES) {
            return false;
        }
        deadLetter(producer, m, FaultCode.INTERNAL, "delivered " + deliveries + " times without being settled", attemptsOf(m));
        return true;
    }

    /**
     * A one-way message whose operation failed with {@code code}: the caller's fault goes to the dead-letter queue at
     * once (no retry could help); a busy service puts it back without counting an attempt; any other failure is an
     * attempt ({@link #failed}).
     */
    void oneWayFailed(MessageProducer producer, Message m, FaultCode code, String problem) throws JMSException {
        if (code.isCallerFault()) {
            deadLetter(producer, m, code, problem, attemptsOf(m) + 1);
        } else if (code == FaultCode.RESOURCE_EXHAUSTED) {
            retryLater(producer, m, code, problem, attemptsOf(m));
        } else {
            failed(producer, m, code, problem);
        }
    }

    /** A failed attempt: back on the queue for later, or to the dead-letter queue once attempts are used up. */
    void failed(MessageProducer producer, Message m, FaultCode code, String problem) throws JMSException {
        int attempts = attemptsOf(m) + 1;
        if (attempts >= maxAttempts) {
            deadLetter(producer, m, code, problem, attempts);
        } else {
            retryLater(producer, m, code, problem, attempts);
        }
    }

    /** Puts the message back on its queue, to be delivered again after the redelivery delay. */
    void retryLater(MessageProducer producer, Message m, FaultCode code, String problem, int attempts) throws JMSException {
        long delay = delayAfter(attempts);
        log.warn("{}: message {} failed (attempt {} of {}): {} {}; retrying in {} ms", address, idOf(m), attempts, maxAttempts,
                code, problem, delay);
        relabel(m, code, problem, attempts, false);
        retried.increment();
        producer.setDeliveryDelay(delay);
        try {
            producer.send(queueOf(address.queue()), m, DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
        } finally {
            producer.setDeliveryDelay(0);
        }
    }

    /**
     * The wait after the given number of failed attempts: the redelivery delay, doubled for each attempt after the
     * first, never more than the longest delay. A dependency that is down for a while (a database restarting) gets
     * time to come back before a message's attempts are used up.
     */
    long delayAfter(int attempts) {
        long base = redeliveryDelay.toMillis();
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long max = maxRedeliveryDelay.toMillis();
        return base > (max >> doublings) ? Math.max(base, max) : Math.min(max, base << doublings);
    }

    void deadLetter(MessageProducer producer, Message m, FaultCode code, String problem, int attempts) throws JMSException {
        log.error("{}: message {} moved to dead-letter queue {} after {} attempt(s): {} {}", address, idOf(m), deadLetterQueue,
                attempts, code, problem);
        relabel(m, code, problem, attempts, true);
        deadLettered.increment();
        producer.send(queueOf(deadLetterQueue), m, DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
    }

    /** Sets the bookkeeping properties on a received message, so that the same message (body untouched) can be sent on. */
    private void relabel(Message m, FaultCode code, String problem, int attempts, boolean deadLettered) throws JMSException {
        Map<String, Object> props = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        java.util.Enumeration<String> names = (java.util.Enumeration<String>) m.getPropertyNames();
        for (String name : Collections.list(names)) {
            // a JMS client may only set identifiers; other protocols (AMQP, STOMP) can bring names it refuses
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ") && isIdentifier(name)
                    && !name.equals(SoapJmsProperties.DEAD_LETTERED)) {
                props.put(name, m.getObjectProperty(name));
            }
        }
        String originalId = props.containsKey(SoapJmsProperties.ORIGINAL_MESSAGE_ID)
                ? String.valueOf(props.get(SoapJmsProperties.ORIGINAL_MESSAGE_ID)) : m.getJMSMessageID();
        m.clearProperties();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            m.setObjectProperty(e.getKey(), e.getValue());
        }
        m.setIntProperty(SoapJmsProperties.ATTEMPT, attempts);
        m.setStringProperty(SoapJmsProperties.ERROR_CODE, code.name());
        m.setStringProperty(SoapJmsProperties.ERROR_MESSAGE, problem == null ? code.title() : problem);
        m.setStringProperty(SoapJmsProperties.ORIGINAL_QUEUE, address.queue());
        m.setStringProperty(SoapJmsProperties.ORIGINAL_MESSAGE_ID, originalId);
        if (deadLettered) {
            m.setBooleanProperty(SoapJmsProperties.DEAD_LETTERED, true);
        }
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** How often the broker has delivered this message (1 the first time). */
    static int deliveriesOf(Message m) {
        try {
            return m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    /** Failed attempts so far. */
    static int attemptsOf(Message m) {
        try {
            if (m.propertyExists(SoapJmsProperties.DEAD_LETTERED)) {
                return 0; // moved back from the dead-letter queue for a replay: a fresh set of attempts
            }
            return m.propertyExists(SoapJmsProperties.ATTEMPT) ? m.getIntProperty(SoapJmsProperties.ATTEMPT) : 0;
        } catch (JMSException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The id of the message as first sent, the same on every delivery and retry of it: the broker keeps the id on a
     * redelivery, and a retry or dead-letter copy carries it in {@link SoapJmsProperties#ORIGINAL_MESSAGE_ID}.
     */
    static String originalIdOf(Message m) {
        try {
            String original = m.getStringProperty(SoapJmsProperties.ORIGINAL_MESSAGE_ID);
            return original != null ? original : m.getJMSMessageID();
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    static String idOf(Message m) {
        try {
            return m.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }

    private Queue queueOf(String name) {
        return queues.computeIfAbsent(name, org.apache.activemq.artemis.jms.client.ActiveMQQueue::new);
    }
}
