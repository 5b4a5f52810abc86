package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferReceipt;
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
 * SIGTERM during a burst of calls: the console jar finishes the calls in flight, leaves the one-way calls it accepted
 * but had not run yet in its journal, and exits 0 within its grace period; the restart runs those, and every accepted
 * transfer is applied once.
 */
class GracefulStopIT {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigtermDrainsCallsInFlightAndExitsZero() throws Exception {
        Path data = Files.createTempDirectory("wcf4j-graceful");
        int port = ConsoleHostFixture.freePort();
        int tcpPort = ConsoleHostFixture.freePort();
        ConsoleProcess first = ConsoleProcess.start(data, port, tcpPort);
        try {
            stopDuringABurst(first, data, port, tcpPort);
        } finally {
            first.process().destroyForcibly();
        }
    }

    private void stopDuringABurst(ConsoleProcess first, Path data, int port, int tcpPort) throws Exception {
        String address = "net.tcp://127.0.0.1:" + tcpPort + "/ledger";
        List<Future<TransferReceipt>> requestReply = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        int succeeded = 0;
        long a;
        long b;
        try (ChannelFactory<Ledger> f = DemoUsers.factory(Ledger.class, address, "net-tcp", DemoUsers.TELLER);
             ChannelFactory<Ledger> restFactory = DemoUsers.factory(Ledger.class, "http://127.0.0.1:" + port + "/api/ledger", "rest-json", DemoUsers.TELLER)) {
            Ledger ledger = f.createChannel();
            Ledger rest = restFactory.createChannel();
            long from = ledger.openAccount("graceful-a", new BigDecimal("100000.00")).getId();
            long to = ledger.openAccount("graceful-b", new BigDecimal("0.00")).getId();
            a = from;
            b = to;
            // one-way transfers, accepted (202 over REST: the service queued them) faster than they run, so that
            // a backlog of accepted work is in flight at SIGTERM. REST, because its 202 means accepted; over
            // net.tcp a one-way call returns once sent.
            ExecutorService senders = Executors.newFixedThreadPool(8);
            boolean backlog = false;
            // send in rounds until the service has accepted more than it has applied (normally the first round)
            for (int round = 0; round < 10 && !backlog; round++) {
                List<Future<?>> sent = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    sent.add(senders.submit(() -> {
                        for (int i = 0; i < 250; i++) {
                            rest.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("1.00")));
                            accepted.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> s : sent) {
                    s.get(120, TimeUnit.SECONDS);
                }
                backlog = ledger.getAccount(to).getBalance().compareTo(new BigDecimal(accepted.get())) < 0;
            }
            senders.shutdown();
            assertThat(backlog).as("accepted work still queued when the stop begins").isTrue();
            // request-reply calls racing the stop: each completes, or is refused cleanly as UNAVAILABLE
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                requestReply.add(pool.submit(() -> ledger.transfer(
                        new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("2.00")))));
            }
            long sigterm = System.nanoTime();
            first.process().destroy(); // SIGTERM
            for (Future<TransferReceipt> r : requestReply) {
                try {
                    assertThat(r.get(60, TimeUnit.SECONDS).getAmount()).isEqualByComparingTo("2.00");
                    succeeded++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(io.wcf4j.ServiceException.class);
                    assertThat(((io.wcf4j.ServiceException) e.getCause()).code()).isEqualTo(io.wcf4j.FaultCode.UNAVAILABLE);
                }
            }
            assertThat(first.process().waitFor(40, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
            assertThat(first.process().exitValue()).as("a graceful stop exits 0; log:%n%s", first.log()).isZero();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sigterm)).isLessThan(35);
            pool.shutdownNow();
        }
        assertThat(first.log()).contains("service ledger closed").doesNotContain("did not finish in time");

        ConsoleProcess second = ConsoleProcess.start(data, port, tcpPort);
        try (ChannelFactory<Ledger> f = DemoUsers.factory(Ledger.class, address, "net-tcp", DemoUsers.TELLER)) {
            Ledger ledger = f.createChannel();
            BigDecimal expected = new BigDecimal(accepted.get() + 2 * succeeded);
            // the one-way calls left in the journal run after the restart
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until && ledger.getAccount(b).getBalance().compareTo(expected) < 0) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // a transfer applied twice would show now
            Account to = ledger.getAccount(b);
            assertThat(to.getBalance()).as("every accepted transfer applied once").isEqualByComparingTo(expected);
            assertThat(ledger.getAccount(a).getBalance().add(to.getBalance())).isEqualByComparingTo("100000.00");
        } finally {
            second.process().destroy();
            second.process().waitFor(40, TimeUnit.SECONDS);
        }
    }
}
