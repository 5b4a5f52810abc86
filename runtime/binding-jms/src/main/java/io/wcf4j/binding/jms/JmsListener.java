package io.wcf4j.binding.jms;

import io.netty.util.concurrent.FastThreadLocal;
import io.wcf4j.binding.soap.SoapMessageProcessor;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.EndpointStatistic;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.WireTap;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of {@code soap-jms}, its lifecycle: opens the broker connection, declares the queue and its
 * dead-letter queue, starts {@code concurrency} {@link JmsConsumerLoop}s, each with its own transacted session,
 * and stops them. Each message is settled by the {@link JmsRequestHandler} and committed only once its
 * operation ran (and its reply is sent), or it was put back for a later attempt, or it was moved to the
 * dead-letter queue. A crash before the commit leaves the message on the queue for the next start.
 */
final class JmsListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(JmsListener.class);
    private final JmsAddress address;
    private final SoapMessageProcessor processor;
    private final Connection connection;
    private final JmsRequestHandler handler;
    private final RedeliveryPolicy redelivery;
    private final String deadLetterQueue;
    private final String brokerUrl;
    private final List<Thread> consumers = new ArrayList<>();
    private volatile boolean accepting = true;
    private volatile boolean closed;
    private ActiveMQConnectionFactory factory;

    private JmsListener(ListenContext context, JmsAddress address, String deadLetterQueue, SoapMessageProcessor processor,
                        Connection connection, String brokerUrl) {
        this.address = address;
        this.processor = processor;
        this.connection = connection;
        BindingSettings s = context.settings();
        this.deadLetterQueue = deadLetterQueue;
        this.brokerUrl = brokerUrl;
        this.redelivery = new RedeliveryPolicy(address, deadLetterQueue, s.get(SoapJmsBinding.MAX_DELIVERY_ATTEMPTS),
                s.get(SoapJmsBinding.REDELIVERY_DELAY), s.get(SoapJmsBinding.MAX_REDELIVERY_DELAY));
        this.handler = new JmsRequestHandler(context, processor, new JmsReplies(address, processor.contentType(),
                WireTap.forEndpoint(context.resources(), context.endpoint()), context.endpoint()), redelivery,
                s.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes(), () -> accepting);
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
        String url = Brokers.listenerUrl(s, context.resources());
        ActiveMQConnectionFactory cf = Brokers.factory(url, s);
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
            processor = SoapMessageProcessor.create(context, s.get(SoapJmsBinding.SOAP_VERSION).equals("1.2"),
                    s.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes());
            JmsListener listener = new JmsListener(context, address, dlq, processor, connection, url);
            int n = s.get(SoapJmsBinding.CONCURRENCY);
            for (int i = 0; i < n; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                Thread t = new Thread(new JmsConsumerLoop(address, session, () -> connection.createSession(true, Session.SESSION_TRANSACTED),
                        listener.handler::handle, () -> listener.accepting, () -> listener.closed), "wcf4j-jms-" + address.queue() + "-" + i);
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

    /**
     * Messages received (redeliveries included), put back for a later attempt, and dead-lettered; and, when the
     * broker is this JVM's embedded one, the dead-letter queue's depth (-1 while the broker is not running).
     */
    @Override
    public List<EndpointStatistic> statistics() {
        List<EndpointStatistic> stats = new ArrayList<>(List.of(
                EndpointStatistic.counter("messages.delivered", "Messages received from the queue, redeliveries included",
                        handler.delivered::sum),
                EndpointStatistic.counter("messages.retried", "Failed messages put back on the queue for a later attempt",
                        redelivery.retried::sum),
                EndpointStatistic.counter("messages.dead-lettered", "Messages moved to the dead-letter queue",
                        redelivery.deadLettered::sum)));
        EmbeddedArtemis embedded = EmbeddedArtemis.byInVmUrl(brokerUrl);
        if (embedded != null) {
            stats.add(EndpointStatistic.gauge("dead-letter.depth", "Messages waiting in the dead-letter queue",
                    () -> embedded.messageCount(deadLetterQueue)));
        }
        return stats;
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
        JmsConsumerLoop.awaitAll(consumers, address);
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
}
