package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.AccountNotFoundException;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.InvalidAmountException;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.Statement;
import io.wcf4j.sample.ledger.StatementEntry;
import io.wcf4j.sample.ledger.Totals;
import io.wcf4j.sample.ledger.TransferReceipt;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The same ledger over SOAP 1.1, SOAP 1.2, REST, net.tcp and net.pipe, through ChannelFactory proxies and raw HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LedgerOverEveryBindingTest {
    private ConsoleHostFixture host;
    private LedgerClients clients;

    @BeforeAll
    void start() {
        host = ConsoleHostFixture.get();
        clients = new LedgerClients(host);
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    private static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    private static TransferRequest request(long from, long to, String amount) {
        return new TransferRequest(UUID.randomUUID().toString(), from, to, money(amount));
    }

    @Test
    void everyBindingGivesTheSameResults() throws Exception {
        Account a = clients.soap().openAccount("alice", money("100.00"));
        Account b = clients.rest().openAccount("bob", money("50.00"));
        Account c = clients.soap12().openAccount("carol \u00e9\u65e5", money("0.00"));
        Account d = clients.tcp().openAccount("dave", money("7.00"));
        Account e = clients.pipe().openAccount("erin", money("8.00"));
        assertThat(a.getBalance()).isEqualByComparingTo("100.00");
        assertThat(c.getOwner()).isEqualTo("carol \u00e9\u65e5");

        TransferReceipt r = clients.soap12().transfer(request(a.getId(), b.getId(), "10.25"));
        assertThat(r.getFromBalance()).isEqualByComparingTo("89.75");
        assertThat(r.getToBalance()).isEqualByComparingTo("60.25");
        assertThat(r.getTimestamp()).isNotNull();

        TransferReceipt overTcp = clients.tcp().transfer(request(d.getId(), e.getId(), "1.50"));
        assertThat(overTcp.getToBalance()).isEqualByComparingTo("9.50");
        Account f = clients.jms().openAccount("frank", money("9.00"));
        TransferReceipt overJms = clients.jms().transfer(request(f.getId(), d.getId(), "2.00"));
        assertThat(overJms.getFromBalance()).isEqualByComparingTo("7.00");
        assertThat(overJms.getToBalance()).isEqualByComparingTo("7.50");
        for (long id : List.of(a.getId(), b.getId(), c.getId(), d.getId(), e.getId(), f.getId())) {
            Account viaSoap = clients.soap().getAccount(id);
            Statement s = clients.soap().getStatement(id, 10);
            for (Map.Entry<String, Ledger> binding : clients.byBinding.entrySet()) {
                assertThat(binding.getValue().getAccount(id)).as(binding.getKey()).isEqualTo(viaSoap);
                assertThat(binding.getValue().getStatement(id, 10)).as(binding.getKey()).isEqualTo(s);
            }
        }
        assertThat(clients.rest().getStatement(a.getId(), 10).getEntries()).extracting(StatementEntry::getAmount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(money("100.00"), money("-10.25"));
        Totals t = clients.soap().getTotals();
        for (Map.Entry<String, Ledger> binding : clients.byBinding.entrySet()) {
            assertThat(binding.getValue().getTotals()).as(binding.getKey()).isEqualTo(t);
        }
    }

    @Test
    void faultsArriveTypedOnEveryBinding() throws Exception {
        Account poor = clients.rest().openAccount("poor", money("5.00"));
        Account rich = clients.rest().openAccount("rich", money("500.00"));
        for (Map.Entry<String, Ledger> e : clients.byBinding.entrySet()) {
            Ledger l = e.getValue();
            InsufficientFundsException insufficient = catchThrowableOfType(InsufficientFundsException.class,
                    () -> l.transfer(request(poor.getId(), rich.getId(), "25.00")));
            assertThat(insufficient).as(e.getKey()).isNotNull();
            assertThat(insufficient.getFaultInfo().getAccountId()).isEqualTo(poor.getId());
            assertThat(insufficient.getFaultInfo().getBalance()).isEqualByComparingTo("5.00");
            assertThat(insufficient.getFaultInfo().getRequested()).isEqualByComparingTo("25.00");
            assertThat(insufficient.getFaultInfo().getRequested().scale()).as(e.getKey() + ": money keeps its scale").isEqualTo(2);

            AccountNotFoundException notFound = catchThrowableOfType(AccountNotFoundException.class,
                    () -> l.getAccount(987_654_321L));
            assertThat(notFound).as(e.getKey()).isNotNull();
            assertThat(notFound.getFaultInfo().getAccountId()).isEqualTo(987_654_321L);

            for (String bad : List.of("0.00", "-1.00", "0.001")) {
                InvalidAmountException invalid = catchThrowableOfType(InvalidAmountException.class,
                        () -> l.transfer(request(rich.getId(), poor.getId(), bad)));
                assertThat(invalid).as(e.getKey() + " " + bad).isNotNull();
            }
            assertThat(catchThrowableOfType(InvalidAmountException.class,
                    () -> l.transfer(request(rich.getId(), rich.getId(), "1.00")))).as("same account").isNotNull();
            assertThat(catchThrowableOfType(InvalidAmountException.class,
                    () -> l.transfer(request(rich.getId(), poor.getId(), "1000000.01")))).as("over the maximum").isNotNull();
        }
        assertThat(clients.soap().getAccount(poor.getId()).getBalance()).isEqualByComparingTo("5.00");
        assertThat(clients.soap().getAccount(rich.getId()).getBalance()).isEqualByComparingTo("500.00");
    }

    @Test
    void faultsOnTheWire_soapDetailAndProblemJson() throws Exception {
        Account poor = clients.rest().openAccount("wire-poor", money("1.00"));
        Account other = clients.rest().openAccount("wire-other", money("1.00"));
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:l="http://wcf4j.io/samples/ledger">
                  <soap:Body><l:transfer><l:request><l:requestId>%s</l:requestId><l:fromAccount>%d</l:fromAccount>
                  <l:toAccount>%d</l:toAccount><l:amount>99.00</l:amount></l:request></l:transfer></soap:Body>
                </soap:Envelope>""".formatted(UUID.randomUUID(), poor.getId(), other.getId());
        HttpResponse<String> soap = host.post("/services/ledger", "text/xml; charset=UTF-8", envelope);
        assertThat(soap.statusCode()).isEqualTo(500);
        assertThat(soap.body()).contains("<soap:Fault>").contains("InsufficientFunds")
                .contains("http://wcf4j.io/samples/ledger").doesNotContain("at io.wcf4j").doesNotContain("Exception");

        HttpResponse<String> rest = host.post("/api/ledger/transfers", "application/json",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"fromAccount\":" + poor.getId() + ",\"toAccount\":"
                        + other.getId() + ",\"amount\":99.00}");
        assertThat(rest.statusCode()).isEqualTo(409);
        assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(rest.body()).contains("\"type\":\"urn:wcf4j:fault:InsufficientFunds\"").contains("\"status\":409")
                .contains("\"accountId\":" + poor.getId()).doesNotContain("at io.wcf4j");
    }

    @Test
    void repeatedRequestId_movesMoneyOnce() throws Exception {
        Account a = clients.rest().openAccount("repeat-a", money("100.00"));
        Account b = clients.rest().openAccount("repeat-b", money("0.00"));
        TransferRequest req = request(a.getId(), b.getId(), "30.00");
        TransferReceipt first = clients.soap().transfer(req);
        assertThat(clients.rest().transfer(req)).isEqualTo(first);
        assertThat(clients.soap12().transfer(req)).isEqualTo(first);
        assertThat(clients.tcp().transfer(req)).isEqualTo(first);
        assertThat(clients.pipe().transfer(req)).isEqualTo(first);
        clients.rest().submitTransfer(req);
        clients.tcp().submitTransfer(req);
        assertThat(clients.soap().getAccount(a.getId()).getBalance()).isEqualByComparingTo("70.00");
        assertThat(clients.soap().getAccount(b.getId()).getBalance()).isEqualByComparingTo("30.00");
        assertThat(clients.soap().getStatement(b.getId(), 100).getEntries()).hasSize(2);
    }

    @Test
    void oneWaySubmitTransfer_isAppliedAfterTheReply() throws Exception {
        Account a = clients.rest().openAccount("oneway-a", money("200.00"));
        Account b = clients.rest().openAccount("oneway-b", money("0.00"));
        clients.soap().submitTransfer(request(a.getId(), b.getId(), "10.00"));
        clients.soap12().submitTransfer(request(a.getId(), b.getId(), "20.00"));
        clients.rest().submitTransfer(request(a.getId(), b.getId(), "30.00"));
        clients.tcp().submitTransfer(request(a.getId(), b.getId(), "40.00"));
        clients.pipe().submitTransfer(request(a.getId(), b.getId(), "50.00"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clients.rest().getAccount(b.getId()).getBalance().compareTo(money("150.00")) != 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(clients.rest().getAccount(b.getId()).getBalance()).isEqualByComparingTo("150.00");
        assertThat(clients.rest().getAccount(a.getId()).getBalance()).isEqualByComparingTo("50.00");
    }

    @Test
    void concurrentTransfersOverSoapAndRest_conserveMoney() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(clients.rest().openAccount("concurrent-" + i, money("1000.00")).getId());
        }
        BigDecimal totalBefore = clients.soap().getTotals().getTotalBalance();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Ledger l = t % 2 == 0 ? clients.soap() : clients.rest();
            results.add(pool.submit(() -> {
                int ok = 0;
                int refused = 0;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < 250; i++) {
                    long from = ids.get(rnd.nextInt(ids.size()));
                    long to = ids.get(rnd.nextInt(ids.size()));
                    if (from == to) {
                        to = ids.get((ids.indexOf(from) + 1) % ids.size());
                    }
                    String amount = rnd.nextInt(1, 300) + "." + String.format("%02d", rnd.nextInt(100));
                    try {
                        l.transfer(request(from, to, amount));
                        ok++;
                    } catch (InsufficientFundsException e) {
                        refused++;
                    }
                }
                return new int[] {ok, refused};
            }));
        }
        int ok = 0;
        for (Future<int[]> f : results) {
            int[] r = f.get(100, TimeUnit.SECONDS);
            ok += r[0];
            assertThat(r[0] + r[1]).isEqualTo(250);
        }
        pool.shutdown();
        assertThat(ok).as("most transfers succeed").isGreaterThan(1000);
        assertThat(clients.soap().getTotals().getTotalBalance()).isEqualByComparingTo(totalBefore);
        BigDecimal sum = BigDecimal.ZERO;
        for (long id : ids) {
            Account acc = clients.rest().getAccount(id);
            sum = sum.add(acc.getBalance());
            Statement s = clients.soap().getStatement(id, 1000);
            BigDecimal running = BigDecimal.ZERO;
            for (StatementEntry e : s.getEntries()) {
                running = running.add(e.getAmount());
                assertThat(e.getBalanceAfter()).as("running balance of account " + id).isEqualByComparingTo(running);
            }
            assertThat(running).as("statement of account " + id + " sums to its balance").isEqualByComparingTo(acc.getBalance());
        }
        assertThat(sum).isEqualByComparingTo("10000.00");
    }
}
