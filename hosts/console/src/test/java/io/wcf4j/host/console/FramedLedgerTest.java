package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.BalanceChange;
import io.wcf4j.sample.ledger.BalanceListener;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.LedgerNotifications;
import io.wcf4j.sample.ledger.TransferReceipt;
import io.wcf4j.sample.ledger.TransferRequest;
import io.wcf4j.sample.ledger.service.LedgerNotificationService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The ledger over net.tcp and net.pipe: many callers on one connection, and duplex notifications. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FramedLedgerTest {
    private ConsoleHostFixture host;

    @BeforeAll
    void start() {
        host = ConsoleHostFixture.get();
    }

    private String tcp(String path) {
        return "net.tcp://127.0.0.1:" + host.tcpPort + path;
    }

    private static TransferRequest request(long from, long to, String amount) {
        return new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal(amount));
    }

    @Test
    void sixtyFourCallersOnOneConnection_tenThousandCalls_noMixUps() throws Exception {
        try (ChannelFactory<Ledger> f = DemoUsers.factory(Ledger.class, tcp("/ledger"), "net-tcp", DemoUsers.TELLER)) {
            Ledger ledger = f.createChannel();
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                accounts.add(ledger.openAccount("mux-" + i, new BigDecimal("1000.00")));
            }
            BigDecimal totalBefore = ledger.getTotals().getTotalBalance();
            ExecutorService pool = Executors.newFixedThreadPool(64);
            AtomicInteger calls = new AtomicInteger();
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                results.add(pool.submit(() -> {
                    List<String> mixUps = new ArrayList<>();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (calls.incrementAndGet() <= 10_000) {
                        Account a = accounts.get(rnd.nextInt(accounts.size()));
                        if (rnd.nextBoolean()) {
                            Account got = ledger.getAccount(a.getId());
                            if (got.getId() != a.getId() || !got.getOwner().equals(a.getOwner())) {
                                mixUps.add("asked " + a.getId() + ", got " + got.getId());
                            }
                        } else {
                            Account b = accounts.get((accounts.indexOf(a) + 1 + rnd.nextInt(accounts.size() - 1)) % accounts.size());
                            TransferRequest req = request(a.getId(), b.getId(), rnd.nextInt(1, 50) + ".00");
                            try {
                                TransferReceipt r = ledger.transfer(req);
                                if (!r.getRequestId().equals(req.getRequestId()) || r.getFromAccount() != a.getId()) {
                                    mixUps.add("sent " + req.getRequestId() + ", got " + r.getRequestId());
                                }
                            } catch (InsufficientFundsException e) {
                                if (e.getFaultInfo().getAccountId() != a.getId()) {
                                    mixUps.add("fault for " + e.getFaultInfo().getAccountId() + " instead of " + a.getId());
                                }
                            }
                        }
                    }
                    return mixUps;
                }));
            }
            for (Future<List<String>> r : results) {
                assertThat(r.get(100, TimeUnit.SECONDS)).isEmpty();
            }
            pool.shutdown();
            assertThat(ledger.getTotals().getTotalBalance()).isEqualByComparingTo(totalBefore);
        }
    }

    /** Records what the service pushes, in arrival order. */
    static final class Recorder implements BalanceListener {
        final List<BalanceChange> changes = new CopyOnWriteArrayList<>();

        @Override
        public void balanceChanged(BalanceChange change) {
            changes.add(change);
        }
    }

    @Test
    void duplexSubscriber_receivesEveryBalanceChangeInOrder_andIsForgottenWhenItDisconnects() throws Exception {
        LedgerClients clients = new LedgerClients(host);
        Account watched = clients.rest().openAccount("watched", new BigDecimal("500.00"));
        Account other = clients.rest().openAccount("other", new BigDecimal("500.00"));
        LedgerNotificationService notifications = host.context.getBean(LedgerNotificationService.class);
        Recorder recorder = new Recorder();
        ChannelFactory<LedgerNotifications> f = ChannelFactory.builder(LedgerNotifications.class)
                .address(tcp("/ledger-events")).binding(io.wcf4j.config.BindingConfig.of("net-tcp")).callback(recorder)
                .behavior(DemoUsers.credentials(DemoUsers.AUDITOR)).build();
        try {
            f.createChannel().subscribe(watched.getId());
            assertThat(notifications.subscriberCount(watched.getId())).isEqualTo(1);
            // 4 threads move money in and out of the watched account concurrently, over different bindings
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Ledger l = List.of(clients.rest(), clients.soap(), clients.tcp(), clients.pipe()).get(t);
                boolean in = t % 2 == 0;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        l.transfer(in ? request(other.getId(), watched.getId(), "1.00") : request(watched.getId(), other.getId(), "1.00"));
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recorder.changes.size() < 100 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(recorder.changes).hasSize(100).allSatisfy(c -> assertThat(c.getAccountId()).isEqualTo(watched.getId()));
            BigDecimal running = new BigDecimal("500.00");
            for (BalanceChange c : recorder.changes) {
                running = running.add(c.getAmount());
                assertThat(c.getBalance()).as("each change follows the one before it").isEqualByComparingTo(running);
            }
            assertThat(running).isEqualByComparingTo(clients.soap().getAccount(watched.getId()).getBalance());
        } finally {
            f.close();
            clients.close();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (notifications.subscriberCount(watched.getId()) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(notifications.subscriberCount(watched.getId())).as("forgotten after disconnect").isZero();
    }
}
