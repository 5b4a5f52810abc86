package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Ledger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
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
            QueuedTransfers.submit(viaRest, from, to, TRANSFERS);
            appliedAtKill = QueuedTransfers.awaitFirstApplied(viaTcp, to);
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(appliedAtKill).as("killed while accepted transfers were waiting").isBetween(1L, (long) TRANSFERS - 1);
        }

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
