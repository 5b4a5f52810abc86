package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Ledger;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 202 means persisted: one-way transfers submitted over REST, each acknowledged with 202, then the console jar killed
 * with kill -9 while it works through them and started again on the same data directory. Every acknowledged transfer
 * is applied exactly once and the money is conserved.
 */
class HttpOneWayKillIT {
    private static final int TRANSFERS = 600;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killAfterTheAcknowledgements_everyAcknowledgedTransferAppliedExactlyOnceAfterRestart() throws Exception {
        Path data = Files.createTempDirectory("wcf4j-http-one-way-kill");
        int port = ConsoleHostFixture.freePort();
        int tcpPort = ConsoleHostFixture.freePort();
        int jmsPort = ConsoleHostFixture.freePort();
        String rest = "http://127.0.0.1:" + port + "/api/ledger";
        String tcp = "net.tcp://127.0.0.1:" + tcpPort + "/ledger";
        // the shipped configuration (which journals one-way calls) with one call at a time, so that accepted calls
        // wait in the journal when the kill comes
        Path root = Path.of(System.getProperty("repositoryRoot", "../.."));
        Path config = data.resolve("wcf4j.yml");
        String shipped = Files.readString(root.resolve("config/wcf4j.yml"));
        assertThat(shipped).contains("one-way-journal: jms").contains("max-concurrent-calls: 64");
        Files.writeString(config, shipped.replace("max-concurrent-calls: 64", "max-concurrent-calls: 1"));
        String configArg = "--wcf4j.config-location=" + config.toAbsolutePath();
        long from;
        long to;
        long appliedAtKill;
        ConsoleProcess first = ConsoleProcess.start(data, port, tcpPort, jmsPort, configArg);
        try (ChannelFactory<Ledger> restFactory = DemoUsers.factory(Ledger.class, rest, "rest-json", DemoUsers.TELLER);
             ChannelFactory<Ledger> tcpFactory = DemoUsers.factory(Ledger.class, tcp, "net-tcp", DemoUsers.TELLER)) {
            Ledger viaRest = restFactory.createChannel();
            Ledger viaTcp = tcpFactory.createChannel();
            from = viaTcp.openAccount("http-kill-from", new BigDecimal("10000.00")).getId();
            to = viaTcp.openAccount("http-kill-to", new BigDecimal("0.00")).getId();
            // every call returns once the host answered 202 (a refusal would throw)
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < TRANSFERS / 8; i++) {
                        viaRest.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("1.00")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
            senders.shutdown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until && viaTcp.getAccount(to).getBalance().signum() == 0) {
                Thread.sleep(5);
            }
            appliedAtKill = viaTcp.getAccount(to).getBalance().longValue();
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(appliedAtKill).as("killed while accepted transfers were waiting").isBetween(1L, (long) TRANSFERS - 1);
        }

        ConsoleProcess second = ConsoleProcess.start(data, port, tcpPort, jmsPort, configArg);
        try (ChannelFactory<Ledger> tcpFactory = DemoUsers.factory(Ledger.class, tcp, "net-tcp", DemoUsers.TELLER)) {
            Ledger ledger = tcpFactory.createChannel();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until && ledger.getAccount(to).getBalance().compareTo(new BigDecimal(TRANSFERS)) < 0) {
                Thread.sleep(50);
            }
            // a transfer applied twice would show now
            Thread.sleep(1000);
            assertThat(ledger.getAccount(to).getBalance()).as("every acknowledged transfer applied exactly once (%d at the kill)",
                    appliedAtKill).isEqualByComparingTo(new BigDecimal(TRANSFERS));
            assertThat(ledger.getAccount(from).getBalance()).isEqualByComparingTo(new BigDecimal(10000 - TRANSFERS));
            assertThat(ledger.getTotals().getTotalBalance()).as("money conserved").isEqualByComparingTo("10000.00");
            assertThat(second.log()).doesNotContain("moved to dead-letter");
        } finally {
            second.process().destroy();
            second.process().waitFor(40, TimeUnit.SECONDS);
        }
    }
}
