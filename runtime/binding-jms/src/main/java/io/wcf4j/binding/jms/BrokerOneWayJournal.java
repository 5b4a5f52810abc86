package io.wcf4j.binding.jms;

import io.netty.util.concurrent.FastThreadLocal;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.OneWayJournal;
import io.wcf4j.spi.Outcome;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.activemq.artemis.api.core.ActiveMQAddressFullException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's journal of accepted one-way calls on a broker: queue {@code wcf4j.one-way.<service>} (durable, declared)
 * and its dead-letter queue. An append is a persistent send, which Artemis confirms once the broker has written it;
 * the calls are run by {@link JmsConsumerLoop}s in transacted sessions, each committed once its call ran, so a host
 * that dies mid-call runs it again after its restart. What becomes of a call that failed is what becomes of a failed
 * SOAP/JMS one-way message (docs/jms.md): its caller's fault, the dead-letter queue; the service's, a later attempt
 * with a growing delay, then the dead-letter queue.
 */
final class BrokerOneWayJournal implements OneWayJournal {
    private static final Logger log = LoggerFactory.getLogger(BrokerOneWayJournal.class);
    static final String QUEUE_PREFIX = "wcf4j.one-way.";

    private final EndpointInfo service;
    private final ContractDescription contract;
    private final JmsAddress address;
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final RedeliveryPolicy redelivery;
    private final JournaledCalls calls = new JournaledCalls();
    /** Sessions with their producer, one per appending thread at a time (a JMS session is single-threaded). */
    private final ConcurrentLinkedQueue<Sender> senders = new ConcurrentLinkedQueue<>();
    private final List<Thread> consumers = new ArrayList<>();
    private volatile boolean accepting = true;
    private volatile boolean closed;

    private record Sender(Session session, MessageProducer producer) {
    }

    private BrokerOneWayJournal(EndpointInfo service, ContractDescription contract, JmsAddress address, String deadLetterQueue,
                                ActiveMQConnectionFactory factory, Connection connection, BindingSettings s) {
        this.service = service;
        this.contract = contract;
        this.address = address;
        this.factory = factory;
        this.connection = connection;
        this.redelivery = new RedeliveryPolicy(address, deadLetterQueue, s.get(SoapJmsBinding.MAX_DELIVERY_ATTEMPTS),
                s.get(SoapJmsBinding.REDELIVERY_DELAY), s.get(SoapJmsBinding.MAX_REDELIVERY_DELAY));
    }

    static BrokerOneWayJournal open(EndpointInfo service, ContractDescription contract, BindingSettings s, HostResources resources) {
        JmsAddress address = JmsAddress.of(EndpointAddress.parse("jms:queue:" + QUEUE_PREFIX + service.service()));
        String dlq = "DLQ." + address.queue();
        ActiveMQConnectionFactory cf = Brokers.factory(Brokers.listenerUrl(s, resources), s);
        // as a listener's: the journal outlives broker restarts, reconnecting with a growing pause
        cf.setReconnectAttempts(-1);
        cf.setRetryInterval(500);
        cf.setRetryIntervalMultiplier(2.0);
        cf.setMaxRetryInterval(30_000);
        Connection connection = null;
        try {
            connection = cf.createConnection();
            connection.setExceptionListener(e -> log.warn("{}: broker connection problem: {}", address, e.getMessage()));
            try (Session admin = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                Brokers.declareQueue(admin, address.queue());
                Brokers.declareQueue(admin, dlq);
            }
            return new BrokerOneWayJournal(service, contract, address, dlq, cf, connection, s);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection);
            cf.close();
            throw new IllegalStateException("cannot open the one-way journal " + address.queue() + ": " + e.getMessage(), e);
        } finally {
            // Artemis's Netty leaves thread-locals on the calling thread: a servlet container's, in a WAR
            FastThreadLocal.removeAll();
        }
    }

    @Override
    public void append(Invocation admitted) {
        byte[] entry = calls.encode(admitted);
        if (closed) {
            throw new ServiceException(FaultCode.UNAVAILABLE, "service " + service.service() + " is shutting down");
        }
        Sender sender = senders.poll();
        try {
            if (sender == null) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(address.queue()));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                sender = new Sender(session, producer);
            }
            BytesMessage m = sender.session().createBytesMessage();
            m.writeBytes(entry);
            m.setStringProperty(SoapJmsProperties.OPERATION_PROPERTY, admitted.operation().name());
            // a persistent send blocks until the broker has the message on disk: only then is the call accepted
            sender.producer().send(m);
            senders.offer(sender);
        } catch (JMSException | RuntimeException e) {
            if (sender != null) {
                closeQuietly(sender.session());
            }
            if (isFull(e)) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "server busy: the queue of accepted one-way calls "
                        + "is full; retry later");
            }
            log.warn("{}: a one-way call could not be stored: {}", address, e.toString());
            throw new ServiceException(FaultCode.UNAVAILABLE, "the call could not be stored; retry later");
        }
    }

    private static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResourceAllocationException || t instanceof ActiveMQAddressFullException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void start(int threads, Runner runner) {
        if (!consumers.isEmpty() || closed) {
            throw new IllegalStateException("journal " + address.queue() + " is " + (closed ? "closed" : "started"));
        }
        try {
            for (int i = 0; i < threads; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                Thread t = new Thread(new JmsConsumerLoop(address, session, () -> connection.createSession(true, Session.SESSION_TRANSACTED),
                        (s, producer, m) -> settle(runner, s, producer, m), () -> accepting, () -> closed),
                        "wcf4j-one-way-" + service.service() + "-" + i);
                t.setDaemon(true);
                consumers.add(t);
            }
            connection.start();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot start the one-way journal " + address.queue() + ": " + e.getMessage(), e);
        } finally {
            FastThreadLocal.removeAll();
        }
        consumers.forEach(Thread::start);
        log.info("{}: {} thread(s) run the accepted one-way calls of service {}", address, threads, service.service());
    }

    /** Runs one stored call and settles its message in the session's transaction. */
    private void settle(Runner runner, Session session, MessageProducer producer, Message m) throws JMSException {
        if (redelivery.deadLetterIfNeverSettled(producer, m)) {
            session.commit();
            return;
        }
        Invocation call;
        try {
            call = calls.decode(service.service(), contract, bodyOf(m));
        } catch (ServiceException e) {
            redelivery.deadLetter(producer, m, e.code(), e.getMessage(), RedeliveryPolicy.attemptsOf(m) + 1);
            session.commit();
            return;
        }
        Outcome outcome = runner.run(call);
        if (outcome == null) {
            // the service is stopping: the call stays for the next start, and this was no attempt
            session.rollback();
            return;
        }
        if (outcome.kind() == Outcome.Kind.ERROR) {
            redelivery.oneWayFailed(producer, m, outcome.errorCode(), outcome.errorMessage());
        }
        session.commit();
    }

    private static byte[] bodyOf(Message m) throws JMSException {
        if (!(m instanceof BytesMessage b)) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "unreadable stored call: not a bytes message");
        }
        long length = b.getBodyLength();
        if (length > Integer.MAX_VALUE - 16) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "unreadable stored call: " + length + " bytes");
        }
        byte[] body = new byte[(int) length];
        b.readBytes(body);
        return body;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            accepting = false;
        }
        // the threads finish the call in hand; one that hangs on a lost broker is cut off by closing the connection,
        // and its call stays on the queue
        JmsConsumerLoop.awaitAll(consumers, address);
        closeQuietly(connection);
        factory.close();
        FastThreadLocal.removeAll();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", c, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "one-way journal " + address.queue();
    }
}
