package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One-way transfers of 1.00 sent in bulk before a kill, and checked after the restart (the kill tests' common part). */
final class QueuedTransfers {
    private QueuedTransfers() {
    }

    /** Sends {@code count} one-way transfers from 8 threads, so that the host accepts them faster than it applies them. */
    static void submit(Ledger ledger, long from, long to, int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < count / 8; i++) {
                        ledger.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("1.00")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdown();
        }
    }

    /** Waits until the first transfer was applied; how many are applied then. */
    static long awaitFirstApplied(Ledger ledger, long to) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && ledger.getAccount(to).getBalance().signum() == 0) {
            Thread.sleep(5);
        }
        return ledger.getAccount(to).getBalance().longValue();
    }

    /**
     * After the restart: waits for the rest to be applied, then checks that each of the {@code count} was applied once,
     * that the money is conserved and that nothing went to a dead-letter queue.
     */
    static void assertEachAppliedOnce(Ledger ledger, long from, long to, int count, BigDecimal initial, long appliedAtKill,
                                      ConsoleProcess restarted) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until && ledger.getAccount(to).getBalance().compareTo(new BigDecimal(count)) < 0) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // a transfer applied twice would show now
        assertThat(ledger.getAccount(to).getBalance()).as("every accepted transfer applied exactly once (%d at the kill)",
                appliedAtKill).isEqualByComparingTo(new BigDecimal(count));
        assertThat(ledger.getAccount(from).getBalance()).isEqualByComparingTo(initial.subtract(new BigDecimal(count)));
        assertThat(ledger.getTotals().getTotalBalance()).as("money conserved").isEqualByComparingTo(initial);
        assertThat(restarted.log()).doesNotContain("moved to dead-letter");
    }
}
