package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import io.wcf4j.binding.soap.SoapMessageProcessor;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.netty.util.concurrent.FastThreadLocal;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of {@code soap-jms}: {@code concurrency} consumer threads, each with its own transacted
 * session, taking requests off the endpoint's queue and committing only once the call is settled: its
 * operation ran (and its reply is sent), or it was put back for a later attempt, or it was moved to the
 * dead-letter queue. A crash before the commit leaves the message on the queue for the next start.
 */
final class JmsListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(JmsListener.class);
    private static final long RECEIVE_POLL_MS = 250;
    /** Deliveries without a settlement (rollbacks, crashes) after which a message is dead-lettered as it is. */
    private static final int MAX_UNSETTLED_DELIVERIES = 10;

    private final ListenContext context;
    private final JmsAddress address;
    private final String deadLetterQueue;
    private final SoapMessageProcessor processor;
    private final Connection connection;
    private final long maxMessageSize;
    private final int maxAttempts;
    private final Duration redeliveryDelay;
    private final List<Thread> consumers = new ArrayList<>();
    private volatile boolean accepting = true;
    private volatile boolean closed;
    private ActiveMQConnectionFactory factory;

    private JmsListener(ListenContext context, JmsAddress address, String deadLetterQueue, SoapMessageProcessor processor,
                        Connection connection) {
        this.context = context;
        this.address = address;
        this.deadLetterQueue = deadLetterQueue;
        this.processor = processor;
        this.connection = connection;
        BindingSettings s = context.settings();
        this.maxMessageSize = s.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes();
        this.maxAttempts = s.get(SoapJmsBinding.MAX_DELIVERY_ATTEMPTS);
        this.redeliveryDelay = s.get(SoapJmsBinding.REDELIVERY_DELAY);
    }

    static JmsListener start(ListenContext context) throws Exception {
        try {
            return open(context);
        } finally {
            // Artemis's Netty leaves thread-locals on the calling thread: a servlet container's, in a WAR
            FastThreadLocal.removeAll();
        }
    }

    private static JmsListener open(ListenContext context) throws Exception {
        BindingSettings s = context.settings();
        JmsAddress address = JmsAddress.of(context.address());
        String dlq = s.get(SoapJmsBinding.DEAD_LETTER_QUEUE).isEmpty() ? "DLQ." + address.queue() : s.get(SoapJmsBinding.DEAD_LETTER_QUEUE);
        ActiveMQConnectionFactory cf = Brokers.forListener(s, context.resources());
        cf.setConsumerWindowSize((int) Math.min(Integer.MAX_VALUE, s.get(SoapJmsBinding.PREFETCH).bytes()));
        // a listener outlives broker restarts: it reconnects, backing off up to 30 s
        cf.setReconnectAttempts(-1);
        cf.setRetryInterval(500);
        cf.setRetryIntervalMultiplier(2.0);
        cf.setMaxRetryInterval(30_000);
        Connection connection = cf.createConnection();
        SoapMessageProcessor processor = null;
        try {
            connection.setExceptionListener(e -> log.warn("{}: broker connection problem: {}", address, e.getMessage()));
            try (Session admin = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                Brokers.declareQueue(admin, address.queue());
                Brokers.declareQueue(admin, dlq);
            }
            processor = SoapMessageProcessor.create(context, SoapJmsBinding.TYPE,
                    s.get(SoapJmsBinding.SOAP_VERSION).equals("1.2"), s.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes());
            JmsListener listener = new JmsListener(context, address, dlq, processor, connection);
            int n = s.get(SoapJmsBinding.CONCURRENCY);
            for (int i = 0; i < n; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                Thread t = new Thread(() -> listener.consume(session), "wcf4j-jms-" + address.queue() + "-" + i);
                t.setDaemon(true);
                listener.consumers.add(t);
            }
            connection.start();
            listener.consumers.forEach(Thread::start);
            log.info("{}: {} consumer(s), dead-letter queue {}", address, n, dlq);
            listener.factory = cf;
            return listener;
        } catch (Exception | Error e) {
            if (processor != null) {
                processor.close();
            }
            connection.close();
            cf.close();
            throw e;
        }
    }

    @Override
    public URI address() {
        return URI.create(address.toString());
    }

    @Override
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        accepting = false;
        // the consumers finish the message in hand (the host has drained the Dispatcher before this); one that
        // hangs on a lost broker is cut off by closing the connection
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : consumers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : consumers) {
            if (t.isAlive()) {
                log.warn("{}: consumer {} still busy after 10 s; closing under it", address, t.getName());
                t.interrupt();
            }
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            log.warn("{}: closing the broker connection failed: {}", address, e.getMessage());
        } finally {
            try {
                factory.close();
            } finally {
                processor.close();
                FastThreadLocal.removeAll();
            }
        }
        log.debug("{} closed", address);
    }

    private void consume(Session session) {
        int failuresInARow = 0;
        try (session; MessageConsumer consumer = session.createConsumer(session.createQueue(address.queue()));
             MessageProducer producer = session.createProducer(null)) {
            while (accepting) {
                Message m;
                try {
                    m = consumer.receive(RECEIVE_POLL_MS);
                } catch (JMSException e) {
                    if (!accepting) {
                        break;
                    }
                    log.warn("{}: receive failed ({}); retrying", address, e.getMessage());
                    sleepQuietly(1000);
                    continue;
                }
                if (m == null) {
                    continue;
                }
                if (!accepting) {
                    // taken as the host began to stop: back on the queue for the next start
                    rollbackQuietly(session);
                    break;
                }
                try {
                    handle(session, producer, m);
                    failuresInARow = 0;
                } catch (Throwable e) {
                    // an Error too: a consumer thread that dies leaves an endpoint that looks up and consumes nothing
                    log.warn("{}: message {} could not be settled ({}); rolled back for redelivery", address, idOf(m), e.toString());
                    rollbackQuietly(session);
                    failuresInARow++;
                    sleepQuietly(Math.min(5_000, 50L << Math.min(failuresInARow, 7)));
                }
            }
        } catch (JMSException e) {
            if (!closed) {
                log.error("{}: consumer stopped: {}", address, e.getMessage(), e);
            }
        }
    }

    private void handle(Session session, MessageProducer producer, Message m) throws JMSException {
        Destination replyTo = m.getJMSReplyTo();
        int deliveries = deliveriesOf(m);
        if (deliveries > MAX_UNSETTLED_DELIVERIES) {
            // rolled back again and again (it could not be settled, or the host died with it each time): stop
            // running it and park it where a person will look
            deadLetter(producer, m, FaultCode.INTERNAL, "delivered " + deliveries + " times without being settled",
                    attemptsOf(m));
            session.commit();
            return;
        }
        byte[] body;
        String contentType;
        try {
            contentType = contentTypeOf(m);
            body = bodyOf(m);
        } catch (Refused r) {
            // the reply first: sending the message on to the dead-letter queue gives it a new id and expiry
            if (replyTo != null) {
                reply(session, producer, m, replyTo, processor.faultEnvelope(r.code, r.getMessage()), true);
            }
            deadLetter(producer, m, r.code, r.getMessage(), attemptsOf(m));
            session.commit();
            return;
        }
        SoapMessageProcessor.Result r = processor.process(body, contentType, invocationContext(m));
        if (r.completed()) {
            if (replyTo != null && !r.oneWay()) {
                reply(session, producer, m, replyTo, r.body(), r.fault());
            }
            session.commit();
            return;
        }
        FaultCode code = r.errorCode();
        if (code == FaultCode.UNAVAILABLE && !accepting) {
            // the host is stopping: not the message's fault, and not an attempt
            session.rollback();
            return;
        }
        boolean unreadable = code.isCallerFault();
        if (replyTo != null && !r.oneWay()) {
            // the caller gets the fault and decides; nothing to retry
            reply(session, producer, m, replyTo, r.body(), true);
            if (unreadable) {
                deadLetter(producer, m, code, r.problem(), attemptsOf(m) + 1);
            }
        } else if (unreadable) {
            deadLetter(producer, m, code, r.problem(), attemptsOf(m) + 1);
        } else if (code == FaultCode.RESOURCE_EXHAUSTED) {
            // the service is throttling: try again later, but a busy service is not the message's failure
            retryLater(producer, m, code, r.problem(), attemptsOf(m));
        } else {
            int attempts = attemptsOf(m) + 1;
            if (attempts >= maxAttempts) {
                deadLetter(producer, m, code, r.problem(), attempts);
            } else {
                retryLater(producer, m, code, r.problem(), attempts);
            }
        }
        session.commit();
    }

    private String contentTypeOf(Message m) throws JMSException {
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
                        + (contentType == null ? "missing" : "\"" + contentType + "\""));
            }
            return contentType;
        } catch (MessageFormatException e) {
            throw new Refused(FaultCode.INVALID_ARGUMENT, "unreadable SOAP/JMS property: " + e.getMessage());
        }
    }

    private byte[] bodyOf(Message m) throws JMSException {
        if (m instanceof BytesMessage bm) {
            long length = bm.getBodyLength();
            if (length > maxMessageSize) {
                throw new Refused(FaultCode.MESSAGE_TOO_LARGE, "message of " + length + " bytes is larger than the limit of "
                        + maxMessageSize + " bytes");
            }
            byte[] body = new byte[(int) length];
            bm.readBytes(body);
            return body;
        }
        String text = ((TextMessage) m).getText();
        byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        if (body.length > maxMessageSize) {
            throw new Refused(FaultCode.MESSAGE_TOO_LARGE, "message of " + body.length + " bytes is larger than the limit of "
                    + maxMessageSize + " bytes");
        }
        return body;
    }

    private InvocationContext.Builder invocationContext(Message m) throws JMSException {
        InvocationContext.Builder b = InvocationContext.builder().bindingType(SoapJmsBinding.TYPE);
        for (String name : new String[] {SoapJmsProperties.SOAP_ACTION, SoapJmsProperties.TARGET_SERVICE, SoapJmsProperties.REQUEST_URI}) {
            String v = m.getStringProperty(name);
            if (v != null) {
                b.header(name, List.of(v));
            }
        }
        if (m.getJMSMessageID() != null) {
            b.header("JMSMessageID", List.of(m.getJMSMessageID()));
        }
        if (m.getJMSExpiration() > 0) {
            // the caller's time-to-live is its deadline: a call it gave up on is not run
            b.deadline(Instant.ofEpochMilli(m.getJMSExpiration()));
        }
        return b;
    }

    private void reply(Session session, MessageProducer producer, Message request, Destination replyTo, byte[] body,
                       boolean fault) throws JMSException {
        BytesMessage reply = session.createBytesMessage();
        reply.writeBytes(body);
        reply.setStringProperty(SoapJmsProperties.BINDING_VERSION, SoapJmsProperties.VERSION_1_0);
        reply.setStringProperty(SoapJmsProperties.CONTENT_TYPE, processor.contentType());
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

    /** Puts the message back on its queue, to be delivered again after the redelivery delay. */
    private void retryLater(MessageProducer producer, Message m, FaultCode code, String problem, int attempts) throws JMSException {
        log.warn("{}: message {} failed (attempt {} of {}): {} {}; retrying in {} ms", address, idOf(m), attempts, maxAttempts,
                code, problem, redeliveryDelay.toMillis());
        Queue queue = queueOf(address.queue());
        relabel(m, code, problem, attempts, false);
        producer.setDeliveryDelay(redeliveryDelay.toMillis());
        try {
            producer.send(queue, m, DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
        } finally {
            producer.setDeliveryDelay(0);
        }
    }

    private void deadLetter(MessageProducer producer, Message m, FaultCode code, String problem, int attempts) throws JMSException {
        log.error("{}: message {} moved to dead-letter queue {} after {} attempt(s): {} {}", address, idOf(m), deadLetterQueue,
                attempts, code, problem);
        relabel(m, code, problem, attempts, true);
        producer.send(queueOf(deadLetterQueue), m, DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
    }

    /** Sets the bookkeeping properties on a received message, so that the same message (body untouched) can be sent on. */
    private void relabel(Message m, FaultCode code, String problem, int attempts, boolean deadLettered) throws JMSException {
        Map<String, Object> props = new LinkedHashMap<>();
        for (String name : Collections.list((java.util.Enumeration<String>) m.getPropertyNames())) {
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

    private static int deliveriesOf(Message m) {
        try {
            return m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    private final Map<String, Queue> queues = new java.util.concurrent.ConcurrentHashMap<>();

    private Queue queueOf(String name) {
        return queues.computeIfAbsent(name, n -> new org.apache.activemq.artemis.jms.client.ActiveMQQueue(n));
    }

    private static int attemptsOf(Message m) {
        try {
            if (m.propertyExists(SoapJmsProperties.DEAD_LETTERED)) {
                return 0; // moved back from the dead-letter queue for a replay: a fresh set of attempts
            }
            return m.propertyExists(SoapJmsProperties.ATTEMPT) ? m.getIntProperty(SoapJmsProperties.ATTEMPT) : 0;
        } catch (JMSException | RuntimeException e) {
            return 0;
        }
    }

    private static String idOf(Message m) {
        try {
            return m.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }

    private void rollbackQuietly(Session session) {
        try {
            session.rollback();
        } catch (JMSException e) {
            log.warn("{}: rollback failed: {}", address, e.getMessage());
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A message refused before it reaches SOAP processing. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final FaultCode code;

        Refused(FaultCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
