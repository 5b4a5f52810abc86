package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.binding.soap.SoapTransport;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.ErrorTexts;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries SOAP envelopes of one client channel over JMS: one connection (opened on the first call, reopened
 * after a failure), a small pool of sending sessions, and a temporary queue where replies arrive and are
 * matched to their callers by correlation id. One-way calls are sent persistent and return once the broker
 * has them; request-reply calls live no longer than the send timeout.
 */
final class JmsClientTransport implements SoapTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JmsClientTransport.class);
    private static final int MAX_IDLE_SESSIONS = 32;

    private final JmsAddress address;
    private final BindingSettings settings;
    private final Duration timeout;
    private final long maxReplySize;
    private final Object lock = new Object();
    private volatile Wiring wiring;
    private volatile boolean closed;

    JmsClientTransport(JmsAddress address, BindingSettings settings) {
        this.address = address;
        this.settings = settings;
        this.timeout = settings.get(CommonSettings.SEND_TIMEOUT);
        this.maxReplySize = settings.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes();
    }

    @Override
    public Reply send(Request request) {
        // the call's own time (the deadline behavior set it), else the channel's send timeout; at least 1 ms, as a
        // time-to-live of 0 would mean "never expires"
        Duration left = request.metadata().timeRemaining();
        Duration wait = left == null ? timeout : left.toMillis() < 1 ? Duration.ofMillis(1) : left;
        Wiring w = wiring();
        Sender sender = w.borrow();
        String correlation = null;
        CompletableFuture<Reply> answer = null;
        try {
            BytesMessage m = sender.session.createBytesMessage();
            m.writeBytes(request.body());
            JmsMetadataCodec.write(request.metadata(), m);
            m.setStringProperty(SoapJmsProperties.BINDING_VERSION, SoapJmsProperties.VERSION_1_0);
            m.setStringProperty(SoapJmsProperties.CONTENT_TYPE, request.contentType());
            m.setStringProperty(SoapJmsProperties.REQUEST_URI, address.toString());
            if (!request.soapAction().isEmpty()) {
                m.setStringProperty(SoapJmsProperties.SOAP_ACTION, request.soapAction());
            }
            if (request.oneWay()) {
                sender.producer.send(w.requestQueue, m, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0);
                w.release(sender);
                return null;
            }
            correlation = UUID.randomUUID().toString();
            answer = new CompletableFuture<>();
            w.pending.put(correlation, answer);
            m.setJMSCorrelationID(correlation);
            m.setJMSReplyTo(w.replyQueue);
            // a request nobody took before the caller's deadline expires instead of running late
            sender.producer.send(w.requestQueue, m, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, wait.toMillis());
            w.release(sender);
        } catch (JMSException e) {
            sender.close();
            if (correlation != null) {
                w.pending.remove(correlation);
            }
            reset(w);
            throw new ServiceException(FaultCode.UNAVAILABLE, "cannot send to " + address + ": " + e.getMessage(), e);
        }
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply from " + address + " within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.UNAVAILABLE, "interrupted while waiting for " + address);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ServiceException se ? se
                    : new ServiceException(FaultCode.UNAVAILABLE, "call to " + address + " failed: " + e.getCause(), e.getCause());
        } finally {
            w.pending.remove(correlation);
        }
    }

    private Wiring wiring() {
        Wiring w = wiring;
        if (w != null) {
            return w;
        }
        synchronized (lock) {
            if (closed) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "channel to " + address + " is closed");
            }
            if (wiring == null) {
                wiring = connect();
            }
            return wiring;
        }
    }

    private Wiring connect() {
        ActiveMQConnectionFactory cf = Brokers.forClient(settings);
        String broker = brokerName(cf);
        Connection connection = null;
        try {
            connection = cf.createConnection();
            Wiring w = new Wiring(cf, connection);
            connection.setExceptionListener(e -> {
                log.debug("{}: broker connection lost: {}", address, e.getMessage());
                reset(w);
            });
            try (Session admin = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                if (!Brokers.queueExists(admin, address.queue())) {
                    throw new ServiceException(FaultCode.UNAVAILABLE, "queue '" + address.queue() + "' does not exist on "
                            + broker + ": no service has declared it");
                }
            }
            w.replySession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            w.replyQueue = w.replySession.createTemporaryQueue();
            w.requestQueue = w.replySession.createQueue(address.queue());
            MessageConsumer consumer = w.replySession.createConsumer(w.replyQueue);
            consumer.setMessageListener(m -> onReply(w, m));
            connection.start();
            return w;
        } catch (JMSException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException ignored) {
                    // already failing
                }
            }
            cf.close();
            if (e instanceof ServiceException se) {
                throw se;
            }
            throw new ServiceException(FaultCode.UNAVAILABLE, "cannot reach " + broker + " for " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * The broker's address for messages: scheme, host and port only. The factory's own URI lists every parameter,
     * the password among them.
     */
    private static String brokerName(ActiveMQConnectionFactory cf) {
        try {
            java.net.URI uri = cf.toURI();
            return uri.getScheme() + "://" + (uri.getHost() != null ? uri.getHost() + ":" + uri.getPort() : uri.getSchemeSpecificPart().replaceAll("\\?.*", ""));
        } catch (java.io.IOException | RuntimeException e) {
            return "the broker";
        }
    }

    private void onReply(Wiring w, Message m) {
        try {
            CompletableFuture<Reply> f = m.getJMSCorrelationID() == null ? null : w.pending.get(m.getJMSCorrelationID());
            if (f == null) {
                log.debug("{}: reply for a call no longer waiting ({})", address, m.getJMSCorrelationID());
                return;
            }
            if (!(m instanceof BytesMessage bm) || bm.getBodyLength() > maxReplySize) {
                f.completeExceptionally(new ServiceException(FaultCode.MESSAGE_TOO_LARGE, m instanceof BytesMessage
                        ? "reply larger than the limit of " + maxReplySize + " bytes" : "reply is not a SOAP/JMS BytesMessage"));
                return;
            }
            byte[] body = new byte[(int) bm.getBodyLength()];
            bm.readBytes(body);
            String contentType = m.getStringProperty(SoapJmsProperties.CONTENT_TYPE);
            boolean fault = m.propertyExists(SoapJmsProperties.IS_FAULT) && m.getBooleanProperty(SoapJmsProperties.IS_FAULT);
            f.complete(new Reply(body, contentType == null ? "text/xml; charset=UTF-8" : contentType, fault,
                    JmsMetadataCodec.read(m).toBuilder().deadline(null).build()));
        } catch (JMSException | RuntimeException e) {
            log.warn("{}: unreadable reply: {}", address, ErrorTexts.forLog(e));
        }
    }

    private void reset(Wiring w) {
        synchronized (lock) {
            if (wiring == w) {
                wiring = null;
            }
        }
        w.close();
        // only the calls of that connection: a newer one may already carry other calls
        ServiceException lost = new ServiceException(FaultCode.UNAVAILABLE, "connection to the broker for " + address + " was lost");
        w.pending.values().forEach(f -> f.completeExceptionally(lost));
    }

    @Override
    public void close() {
        Wiring w;
        synchronized (lock) {
            closed = true;
            w = wiring;
            wiring = null;
        }
        if (w != null) {
            w.close();
            ServiceException closed = new ServiceException(FaultCode.UNAVAILABLE, "channel to " + address + " closed");
            w.pending.values().forEach(f -> f.completeExceptionally(closed));
        }
    }

    /** A sending session and its producer; JMS sessions are single-threaded, so each call borrows one. */
    private static final class Sender {
        final Session session;
        final MessageProducer producer;

        Sender(Session session) throws JMSException {
            this.session = session;
            this.producer = session.createProducer(null);
        }

        void close() {
            try {
                session.close();
            } catch (JMSException ignored) {
                // closing anyway
            }
        }
    }

    private static final class Wiring {
        final ActiveMQConnectionFactory factory;
        final Connection connection;
        final ConcurrentLinkedQueue<Sender> idle = new ConcurrentLinkedQueue<>();
        /** Calls waiting for their reply on this connection's reply queue, by correlation id. */
        final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
        Session replySession;
        TemporaryQueue replyQueue;
        Queue requestQueue;

        Wiring(ActiveMQConnectionFactory factory, Connection connection) {
            this.factory = factory;
            this.connection = connection;
        }

        Sender borrow() {
            Sender s = idle.poll();
            if (s != null) {
                return s;
            }
            try {
                return new Sender(connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
            } catch (JMSException e) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "cannot open a session: " + e.getMessage(), e);
            }
        }

        void release(Sender s) {
            if (idle.size() < MAX_IDLE_SESSIONS) {
                idle.offer(s);
            } else {
                s.close();
            }
        }

        void close() {
            try {
                connection.close();
            } catch (JMSException e) {
                log.debug("closing the connection failed: {}", e.getMessage());
            }
            // the factory owns the connection's server locator and thread pools
            factory.close();
        }
    }

}
