package io.wcf4j.sample.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many concurrent transfers among few accounts on an H2 file database as the console host configures it
 * (WRITE_DELAY=0, READ COMMITTED, a pool): the sum of the balances never changes. Without the service's
 * in-JVM account guards for H2 this failed about one fresh JVM in three (money created or destroyed), with
 * row locks and with relative updates alike. {@code -Drounds=N} runs more rounds.
 */
class ConcurrentTransfersOnAFileDatabaseTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentTransfers_conserveMoney() throws Exception {
        for (int round = 0; round < Integer.getInteger("rounds", 2); round++) {
            oneRound();
        }
    }

    private void oneRound() throws Exception {
        Path dir = Files.createTempDirectory("ledger-file");
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("ledger")
                + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(16);
        try {
            JdbcLedgerService ledger = new JdbcLedgerService(pool, LedgerOptions.defaults());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(ledger.openAccount("file-" + i, new BigDecimal("1000.00")).getId());
            }
            ExecutorService threads = Executors.newFixedThreadPool(12);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                done.add(threads.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < 300; i++) {
                        long from = ids.get(rnd.nextInt(ids.size()));
                        long to = ids.get((ids.indexOf(from) + 1 + rnd.nextInt(ids.size() - 1)) % ids.size());
                        try {
                            ledger.transfer(new TransferRequest(UUID.randomUUID().toString(), from, to,
                                    new BigDecimal(rnd.nextInt(1, 300) + "." + rnd.nextInt(10, 100))));
                        } catch (InsufficientFundsException refused) {
                            // fine: the money was not there
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(100, TimeUnit.SECONDS);
            }
            threads.shutdown();
            BigDecimal sum = BigDecimal.ZERO;
            for (long id : ids) {
                BigDecimal b = ledger.getAccount(id).getBalance();
                assertThat(b.signum()).as("no overdraft").isGreaterThanOrEqualTo(0);
                sum = sum.add(b);
            }
            assertThat(sum).as("money conserved").isEqualByComparingTo("6000.00");
            assertThat(ledger.getTotals().getTotalBalance()).isEqualByComparingTo("6000.00");
        } finally {
            pool.dispose();
        }
    }
}
