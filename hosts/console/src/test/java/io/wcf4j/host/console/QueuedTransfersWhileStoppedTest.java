package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.jms.EmbeddedArtemis;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SOAP/JMS as a queue: one-way transfers sent while the ledger service is stopped wait in the broker and are
 * all applied once it starts, each exactly once, although some are delivered twice (the service "crashes"
 * after its database commit and before the message is acknowledged): the ledger's idempotency by requestId
 * makes the redelivery harmless. Each message carries the teller's WS-Security UsernameToken, and a redelivery of
 * the same message is not refused as a replay of its nonce.
 */
class QueuedTransfersWhileStoppedTest {
    private static final int TRANSFERS = 1000;
    private static final String BEFORE = "before:";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void transfersSentWhileStopped_areAppliedOnceEachAfterTheStart() throws Exception {
        EmbeddedArtemis broker = EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-queued"), "tcp://127.0.0.1:"
                + ConsoleHostFixture.freePort());
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:queued-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        // as the sample runs it: the teller's UsernameToken in every message
        BindingConfig jms = BindingConfig.of("soap-jms", Map.of("url", broker.inVmUrl(), "redelivery-delay", "50ms",
                "max-delivery-attempts", 5, "security-mode", "message", "message-credential", "username-digest"));
        try (broker) {
            JdbcLedgerService ledger = new JdbcLedgerService(ds, LedgerOptions.defaults());
            long from = ledger.openAccount("queued-from", new BigDecimal("5000.00")).getId();
            long to = ledger.openAccount("queued-to", new BigDecimal("0.00")).getId();

            // the service has run once (its queue is declared), then stops for maintenance
            ServiceHost first = host(ledger, jms, Set.of());
            first.open();
            first.close(Duration.ofSeconds(5));

            List<String> requestIds = new ArrayList<>();
            try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address("jms:queue:ledger").binding(jms)
                    .behavior(DemoUsers.credentials(DemoUsers.TELLER)).build()) {
                Ledger client = f.createChannel();
                for (int i = 0; i < TRANSFERS; i++) {
                    String id = "queued-" + i + "-" + UUID.randomUUID();
                    requestIds.add(id);
                    client.submitTransfer(new TransferRequest(id, from, to, new BigDecimal("1.00")));
                }
            }
            assertThat(ledger.getAccount(to).getBalance()).as("nothing runs while the service is stopped").isEqualByComparingTo("0.00");

            // every 10th transfer fails once after its commit, as a crash before the acknowledgement would; and every
            // 10th from the 5th fails once before it runs, so that only the retry (the same message, the same nonce)
            // can apply it
            Set<String> crashOnce = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < TRANSFERS; i += 10) {
                crashOnce.add(requestIds.get(i));
                crashOnce.add(BEFORE + requestIds.get(i + 5));
            }
            Set<String> crashed = ConcurrentHashMap.newKeySet();
            ServiceHost second = host(ledger, jms, crashOnce, crashed);
            second.open();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < until
                        && (ledger.getAccount(to).getBalance().compareTo(new BigDecimal(TRANSFERS)) < 0 || crashed.size() < crashOnce.size())) {
                    Thread.sleep(50);
                }
                // let any stray redelivery land before counting
                Thread.sleep(500);
                assertThat(crashed).as("the simulated crashes happened").hasSameSizeAs(crashOnce);
                assertThat(ledger.getAccount(to).getBalance()).as("every transfer applied exactly once")
                        .isEqualByComparingTo(new BigDecimal(TRANSFERS));
                assertThat(ledger.getAccount(from).getBalance()).isEqualByComparingTo(new BigDecimal(5000 - TRANSFERS));
                assertThat(ledger.getTotals().getTotalBalance()).as("money conserved").isEqualByComparingTo("5000.00");
            } finally {
                second.close(Duration.ofSeconds(5));
            }
        }
    }

    private static ServiceHost host(JdbcLedgerService ledger, BindingConfig jms, Set<String> crashOnce) {
        return host(ledger, jms, crashOnce, ConcurrentHashMap.newKeySet());
    }

    /**
     * The ledger behind a decorator that, for the listed transfers, fails once after the transfer committed, or, for
     * those listed with the {@link #BEFORE} prefix, before it runs.
     */
    private static ServiceHost host(JdbcLedgerService ledger, BindingConfig jms, Set<String> crashOnce, Set<String> crashed) {
        Ledger crashing = (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("submitTransfer")) {
                        String before = BEFORE + ((TransferRequest) args[0]).getRequestId();
                        if (crashOnce.contains(before) && crashed.add(before)) {
                            throw new IllegalStateException("simulated failure before " + before);
                        }
                    }
                    Object result;
                    try {
                        result = method.invoke(ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("submitTransfer")) {
                        String id = ((TransferRequest) args[0]).getRequestId();
                        if (crashOnce.contains(id) && crashed.add(id)) {
                            throw new IllegalStateException("simulated crash after the commit of " + id);
                        }
                    }
                    return result;
                });
        return ServiceHost.builder(Ledger.class).name("ledger").implementation(crashing)
                .dispatchBehavior(DemoUsers.authentication())
                .endpoint("ledger-jms", "jms:queue:ledger", jms).build();
    }
}
