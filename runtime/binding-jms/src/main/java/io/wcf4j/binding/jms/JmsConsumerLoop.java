package io.wcf4j.binding.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of one thread: takes requests off the queue in its own transacted session and hands each to
 * the {@link JmsRequestHandler}, which settles and commits it. A message that cannot be settled is rolled back for
 * redelivery and the loop backs off; nothing a message does stops the loop, only the listener closing. A session
 * whose receive keeps failing (closed under it, its consumer gone) is closed and a new one opened, with a growing
 * pause while the broker will not give one: the endpoint does not go on looking up while consuming nothing.
 */
final class JmsConsumerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(JmsConsumerLoop.class);
    private static final long RECEIVE_POLL_MS = 250;
    /** Receive failures in a row after which the session is given up for a new one. */
    static final int FAILED_RECEIVES_BEFORE_NEW_SESSION = 5;

    /** Opens a consumer's transacted session. */
    interface Sessions {
        Session open() throws JMSException;
    }

    /** Settles one message in the session's transaction ({@link JmsRequestHandler#handle}). */
    interface Handler {
        void handle(Session session, MessageProducer producer, Message m) throws JMSException;
    }

    private final JmsAddress address;
    private final Session first;
    private final Sessions sessions;
    private final Handler handler;
    private final BooleanSupplier accepting;
    private final BooleanSupplier closed;

    /** @param first the session to start with (opened by the listener, so that a broker that refuses one fails the open) */
    JmsConsumerLoop(JmsAddress address, Session first, Sessions sessions, Handler handler, BooleanSupplier accepting,
                    BooleanSupplier closed) {
        this.address = address;
        this.first = first;
        this.sessions = sessions;
        this.handler = handler;
        this.accepting = accepting;
        this.closed = closed;
    }

    @Override
    public void run() {
        Session session = first;
        int reopenings = 0;
        while (session != null) {
            boolean broken = consume(session);
            if (!broken || !accepting.getAsBoolean()) {
                return;
            }
            session = null;
            while (session == null && accepting.getAsBoolean()) {
                try {
                    session = sessions.open();
                    log.info("{}: consumer session reopened after repeated receive failures", address);
                    reopenings = 0;
                } catch (JMSException e) {
                    if (!accepting.getAsBoolean()) {
                        return;
                    }
                    reopenings++;
                    log.warn("{}: cannot open a consumer session ({}); trying again", address, e.getMessage());
                    sleepQuietly(Math.min(30_000, 500L << Math.min(reopenings, 6)));
                }
            }
        }
    }

    /**
     * Consumes with one session until the listener stops accepting (false) or receives keep failing (true); the
     * session is closed either way.
     */
    private boolean consume(Session session) {
        int failuresInARow = 0;
        int failedReceives = 0;
        try (session; MessageConsumer consumer = session.createConsumer(session.createQueue(address.queue()));
             MessageProducer producer = session.createProducer(null)) {
            while (accepting.getAsBoolean()) {
                Message m;
                try {
                    m = consumer.receive(RECEIVE_POLL_MS);
                    failedReceives = 0;
                } catch (JMSException | RuntimeException e) {
                    if (!accepting.getAsBoolean()) {
                        break;
                    }
                    if (++failedReceives >= FAILED_RECEIVES_BEFORE_NEW_SESSION) {
                        log.warn("{}: receive failed {} times in a row ({}); opening a new session", address, failedReceives,
                                e.getMessage());
                        return true;
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
                    rollbackQuietly(session);
                    break;
                }
                try {
                    handler.handle(session, producer, m);
                    failuresInARow = 0;
                } catch (Throwable e) {
                    // an Error too: a consumer thread that dies leaves an endpoint that looks up and consumes nothing
                    log.warn("{}: message {} could not be settled ({}); rolled back for redelivery", address,
                            RedeliveryPolicy.idOf(m), e.toString());
                    rollbackQuietly(session);
                    failuresInARow++;
                    sleepQuietly(Math.min(5_000, 50L << Math.min(failuresInARow, 7)));
                }
            }
            return false;
        } catch (JMSException | RuntimeException e) {
            if (closed.getAsBoolean() || !accepting.getAsBoolean()) {
                return false;
            }
            // the session could not even make its consumer (or closing it failed): a new one
            log.warn("{}: consumer session failed ({}); opening a new one", address, e.getMessage());
            return true;
        }
    }

    /**
     * Waits up to 10 s in all for consumer threads that were told to stop to finish the message in hand; interrupts
     * those still busy, before their connection is closed under them.
     */
    static void awaitAll(List<Thread> consumers, JmsAddress address) {
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
}
