package io.wcf4j.binding.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one thread: takes requests off the queue in its own transacted session and hands each to
 * the {@link JmsRequestHandler}, which settles and commits it. A message that cannot be settled is rolled back for
 * redelivery and the loop backs off; nothing a message does stops the loop, only the listener closing.
 */
final class JmsConsumerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(JmsConsumerLoop.class);
    private static final long RECEIVE_POLL_MS = 250;

    private final JmsAddress address;
    private final Session session;
    private final JmsRequestHandler handler;
    private final BooleanSupplier accepting;
    private final BooleanSupplier closed;

    JmsConsumerLoop(JmsAddress address, Session session, JmsRequestHandler handler, BooleanSupplier accepting,
                    BooleanSupplier closed) {
        this.address = address;
        this.session = session;
        this.handler = handler;
        this.accepting = accepting;
        this.closed = closed;
    }

    @Override
    public void run() {
        int failuresInARow = 0;
        try (session; MessageConsumer consumer = session.createConsumer(session.createQueue(address.queue()));
             MessageProducer producer = session.createProducer(null)) {
            while (accepting.getAsBoolean()) {
                Message m;
                try {
                    m = consumer.receive(RECEIVE_POLL_MS);
                } catch (JMSException e) {
                    if (!accepting.getAsBoolean()) {
                        break;
                    }
                    log.warn("{}: receive failed ({}); retrying", address, e.getMessage());
                    sleepQuietly(1000);
                    continue;
                }
                if (m == null) {
                    continue;
                }
                if (!accepting.getAsBoolean()) {
                    // taken as the host began to stop: back on the queue for the next start
                    rollbackQuietly();
                    break;
                }
                try {
                    handler.handle(session, producer, m);
                    failuresInARow = 0;
                } catch (Throwable e) {
                    // an Error too: a consumer thread that dies leaves an endpoint that looks up and consumes nothing
                    log.warn("{}: message {} could not be settled ({}); rolled back for redelivery", address,
                            RedeliveryPolicy.idOf(m), e.toString());
                    rollbackQuietly();
                    failuresInARow++;
                    sleepQuietly(Math.min(5_000, 50L << Math.min(failuresInARow, 7)));
                }
            }
        } catch (JMSException e) {
            if (!closed.getAsBoolean()) {
                log.error("{}: consumer stopped: {}", address, e.getMessage(), e);
            }
        }
    }

    private void rollbackQuietly() {
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
}
