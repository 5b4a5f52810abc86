package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
            // every transfer accepted (persisted by the broker) before the kill, faster than the one consumer applies them
            QueuedTransfers.submit(viaJms, from, to, TRANSFERS);
            appliedAtKill = QueuedTransfers.awaitFirstApplied(viaTcp, to);
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(appliedAtKill).as("killed in the middle of consuming").isBetween(1L, (long) TRANSFERS - 1);
        }

        // after the restart the consumer works through the rest of the queue, including the message it had in
        // hand at the kill (redelivered; applied already or not, the requestId decides)
        ConsoleProcess second = ConsoleProcess.start(data, port, tcpPort, jmsPort, configArg);
        try (ChannelFactory<Ledger> tcpFactory = DemoUsers.factory(Ledger.class, tcp, "net-tcp", DemoUsers.TELLER)) {
            QueuedTransfers.assertEachAppliedOnce(tcpFactory.createChannel(), from, to, TRANSFERS, new BigDecimal("10000.00"),
                    appliedAtKill, second);
        } finally {
            second.process().destroy();
            second.process().waitFor(40, TimeUnit.SECONDS);
        }
    }
}
