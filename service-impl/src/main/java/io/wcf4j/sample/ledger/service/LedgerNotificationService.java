package io.wcf4j.sample.ledger.service;

import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.Session;
import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.annotation.ServiceBehavior;
import io.wcf4j.sample.ledger.AccountNotFoundException;
import io.wcf4j.sample.ledger.BalanceChange;
import io.wcf4j.sample.ledger.BalanceListener;
import io.wcf4j.sample.ledger.LedgerNotifications;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the ledger's balance changes to subscribers over their duplex connection. Each subscriber has its own
 * ordered queue, so a slow subscriber delays no transfer and no other subscriber; a subscriber whose
 * connection drops, or whose callback fails, is forgotten.
 */
@ServiceBehavior(instancing = InstanceMode.SINGLE)
public class LedgerNotificationService implements LedgerNotifications, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerNotificationService.class);

    private final JdbcLedgerService ledger;
    private final Map<Long, Set<Subscriber>> byAccount = new ConcurrentHashMap<>();
    /** Bounded: a change to an account with many subscribers queues its deliveries instead of starting a thread each. */
    private final ExecutorService delivery = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "ledger-notifications");
        t.setDaemon(true);
        return t;
    });

    public LedgerNotificationService(JdbcLedgerService ledger) {
        this.ledger = ledger;
        ledger.addBalanceListener(this::publish);
    }

    @Override
    public void subscribe(long accountId) throws AccountNotFoundException {
        ledger.getAccount(accountId);
        OperationContext call = OperationContext.current();
        Session session = call.session();
        if (session == null) {
            throw new ServiceException(io.wcf4j.FaultCode.INVALID_ARGUMENT, "subscriptions need a session (net-tcp or net-pipe)");
        }
        Set<Subscriber> set = byAccount.computeIfAbsent(accountId, k -> ConcurrentHashMap.newKeySet());
        if (set.stream().anyMatch(s -> s.sessionId.equals(session.id()))) {
            return; // subscribing twice changes nothing
        }
        Subscriber s = new Subscriber(accountId, session.id(), call.callback(BalanceListener.class));
        set.add(s);
        session.onClose(() -> forget(s, "disconnected"));
        log.info("session {} subscribed to account {}", session.id(), accountId);
    }

    @Override
    public void unsubscribe(long accountId) {
        Session session = OperationContext.current().session();
        Set<Subscriber> set = byAccount.get(accountId);
        if (session != null && set != null) {
            set.removeIf(s -> s.sessionId.equals(session.id()));
        }
    }

    /** How many subscribers an account has now. */
    public int subscriberCount(long accountId) {
        Set<Subscriber> set = byAccount.get(accountId);
        return set == null ? 0 : set.size();
    }

    private void publish(BalanceChange change) {
        Set<Subscriber> set = byAccount.get(change.getAccountId());
        if (set != null) {
            set.forEach(s -> s.enqueue(change));
        }
    }

    private void forget(Subscriber s, String why) {
        Set<Subscriber> set = byAccount.get(s.accountId);
        if (set != null && set.remove(s)) {
            log.info("forgot subscriber {} of account {}: {}", s.sessionId, s.accountId, why);
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }

    /** One subscription: an ordered queue drained by at most one delivery task at a time. */
    private final class Subscriber {
        final long accountId;
        final String sessionId;
        final BalanceListener callback;
        /** Changes not yet delivered; a subscriber that falls this far behind is dropped rather than let grow. */
        static final int MAX_BACKLOG = 10_000;
        final Queue<BalanceChange> queue = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicInteger backlog = new java.util.concurrent.atomic.AtomicInteger();
        final AtomicBoolean draining = new AtomicBoolean();

        Subscriber(long accountId, String sessionId, BalanceListener callback) {
            this.accountId = accountId;
            this.sessionId = sessionId;
            this.callback = callback;
        }

        void enqueue(BalanceChange change) {
            if (backlog.incrementAndGet() > MAX_BACKLOG) {
                queue.clear();
                forget(this, "more than " + MAX_BACKLOG + " changes behind");
                return;
            }
            queue.add(change);
            if (draining.compareAndSet(false, true)) {
                delivery.execute(this::drain);
            }
        }

        private void drain() {
            try {
                for (BalanceChange c; (c = queue.poll()) != null; ) {
                    backlog.decrementAndGet();
                    callback.balanceChanged(c);
                }
            } catch (ServiceException e) {
                queue.clear();
                forget(this, "callback failed: " + e.getMessage());
                return;
            } finally {
                draining.set(false);
            }
            // a change may have arrived between the last poll and the reset of the flag
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                delivery.execute(this::drain);
            }
        }
    }
}
