package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 in the middle of consuming 1,000 queued transfers: the console jar (ledger + embedded broker) is
 * killed while its JMS consumer works through the queue, then started again on the same data directory.
 * Afterwards every transfer is applied exactly once and the money is conserved.
 */
class JmsKillIT {
    private static final int TRANSFERS = 1000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killDuringConsumption_everyTransferAppliedExactlyOnceAfterRestart() throws Exception {
        Path data = Files.createTempDirectory("wcf4j-jms-kill");
        int port = ConsoleHostFixture.freePort();
        int tcpPort = ConsoleHostFixture.freePort();
        int jmsPort = ConsoleHostFixture.freePort();
        BindingConfig jms = BindingConfig.of("soap-jms", Map.of("url", "tcp://127.0.0.1:" + jmsPort,
                "user", "ledger-client", "password", "ledger-client-password",
                "security-mode", "message", "message-credential", "username-digest"));
        String tcp = "net.tcp://127.0.0.1:" + tcpPort + "/ledger";
        long from;
        long to;
        long appliedAtKill;
        // the shipped configuration with one consumer, so that the queue is still long when the kill comes
        Path root = Path.of(System.getProperty("repositoryRoot", "../.."));
        Path config = data.resolve("wcf4j.yml");
        String shipped = Files.readString(root.resolve("config/wcf4j.yml"));
        assertThat(shipped).contains("concurrency: 4");
        Files.writeString(config, shipped.replace("concurrency: 4", "concurrency: 1"));
        String configArg = "--wcf4j.config-location=" + config.toAbsolutePath();
        ConsoleProcess first = ConsoleProcess.start(data, port, tcpPort, jmsPort, configArg);
        try (ChannelFactory<Ledger> jmsFactory = ChannelFactory.builder(Ledger.class).address("jms:queue:ledger").binding(jms)
                     .behavior(DemoUsers.credentials(DemoUsers.TELLER)).build();
             ChannelFactory<Ledger> tcpFactory = DemoUsers.factory(Ledger.class, tcp, "net-tcp", DemoUsers.TELLER)) {
            Ledger viaJms = jmsFactory.createChannel();
            Ledger viaTcp = tcpFactory.createChannel();
            from = viaJms.openAccount("kill-from", new BigDecimal("10000.00")).getId();
            to = viaJms.openAccount("kill-to", new BigDecimal("0.00")).getId();
            // every transfer accepted (persisted by the broker) before the kill; from 8 threads, so that the
            // broker takes them faster than the one consumer applies them
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < TRANSFERS / 8; i++) {
                        viaJms.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("1.00")));
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
            assertThat(appliedAtKill).as("killed in the middle of consuming").isBetween(1L, (long) TRANSFERS - 1);
        }

        // after the restart the consumer works through the rest of the queue, including the message it had in
        // hand at the kill (redelivered; applied already or not, the requestId decides)
        ConsoleProcess second = ConsoleProcess.start(data, port, tcpPort, jmsPort, configArg);
        try (ChannelFactory<Ledger> tcpFactory = DemoUsers.factory(Ledger.class, tcp, "net-tcp", DemoUsers.TELLER)) {
            Ledger ledger = tcpFactory.createChannel();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until && ledger.getAccount(to).getBalance().compareTo(new BigDecimal(TRANSFERS)) < 0) {
                Thread.sleep(50);
            }
            // a transfer applied twice would show now
            Thread.sleep(1000);
            BigDecimal received = ledger.getAccount(to).getBalance();
            assertThat(received).as("every accepted transfer applied exactly once (%d had been applied at the kill)", appliedAtKill)
                    .isEqualByComparingTo(new BigDecimal(TRANSFERS));
            assertThat(ledger.getAccount(from).getBalance()).isEqualByComparingTo(new BigDecimal(10000 - TRANSFERS));
            assertThat(ledger.getTotals().getTotalBalance()).as("money conserved").isEqualByComparingTo("10000.00");
            assertThat(second.log()).doesNotContain("moved to dead-letter");
        } finally {
            second.process().destroy();
            second.process().waitFor(40, TimeUnit.SECONDS);
        }
    }
}
