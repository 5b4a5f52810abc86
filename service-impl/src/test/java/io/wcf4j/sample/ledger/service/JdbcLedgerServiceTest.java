package io.wcf4j.sample.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.annotation.ServiceBehavior;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.AccountNotFound;
import io.wcf4j.sample.ledger.AccountNotFoundException;
import io.wcf4j.sample.ledger.InsufficientFunds;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.InvalidAmountException;
import io.wcf4j.sample.ledger.Statement;
import io.wcf4j.sample.ledger.StatementEntry;
import io.wcf4j.sample.ledger.Totals;
import io.wcf4j.sample.ledger.TransferReceipt;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Tests {@link JdbcLedgerService} on an in-memory H2 database, a fresh one per test. */
class JdbcLedgerServiceTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private JdbcConnectionPool pool;
    private JdbcLedgerService ledger;

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:ledger" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        ledger = new JdbcLedgerService(pool, LedgerOptions.defaults());
    }

    @AfterEach
    void stop() throws SQLException {
        // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down explicitly
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        pool.dispose();
    }

    // ---------------------------------------------------------------------------------------------------
    // accounts

    @Test
    void isASingleInstanceService() {
        assertThat(JdbcLedgerService.class.getAnnotation(ServiceBehavior.class).instancing())
                .isEqualTo(InstanceMode.SINGLE);
    }

    @Test
    void opensAndReadsAnAccount() throws Exception {
        Account opened = ledger.openAccount("Ada Lovelace", new BigDecimal("100"));
        assertThat(opened.getId()).isPositive();
        assertThat(opened.getOwner()).isEqualTo("Ada Lovelace");
        assertThat(opened.getBalance()).isEqualByComparingTo("100").hasScaleOf(2);

        Account read = ledger.getAccount(opened.getId());
        assertThat(read).isEqualTo(opened);
        assertThat(read.getBalance()).hasScaleOf(2);
        assertThat(ledger.openAccount("Charles Babbage", BigDecimal.ONE).getId()).isNotEqualTo(opened.getId());
    }

    @Test
    void openingWritesAnOpeningEntryEvenForZero() throws Exception {
        Account zero = ledger.openAccount("Zero", new BigDecimal("0"));
        assertThat(zero.getBalance()).isEqualByComparingTo("0").hasScaleOf(2);
        assertThat(ledger.getStatement(zero.getId(), 0).getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getTransferId()).isNull();
            assertThat(e.getAmount()).isEqualByComparingTo("0");
            assertThat(e.getBalanceAfter()).isEqualByComparingTo("0");
            assertThat(e.getTimestamp()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        });

        Account funded = ledger.openAccount("Funded", new BigDecimal("12.50"));
        assertThat(ledger.getStatement(funded.getId(), 10).getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getTransferId()).isNull();
            assertThat(e.getAmount()).isEqualTo(new BigDecimal("12.50"));
            assertThat(e.getBalanceAfter()).isEqualTo(new BigDecimal("12.50"));
        });
    }

    @Test
    void trailingZerosBeyondCentsAreNotRounding() throws Exception {
        assertThat(ledger.openAccount("A", new BigDecimal("10.000")).getBalance()).isEqualTo(new BigDecimal("10.00"));
        assertThat(ledger.openAccount("B", new BigDecimal("1E+3")).getBalance()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void refusesABadOwner() throws Exception {
        for (String owner : new String[] {null, "", "   ", "x".repeat(201)}) {
            assertThatThrownBy(() -> ledger.openAccount(owner, BigDecimal.TEN))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(FaultCode.INVALID_ARGUMENT));
        }
        assertThat(ledger.openAccount("x".repeat(200), BigDecimal.TEN).getOwner()).hasSize(200);
        assertThat(ledger.getTotals().getAccounts()).isEqualTo(1);
    }

    @Test
    void refusesABadInitialDeposit() {
        assertInvalidDeposit(null, "amount is required");
        assertInvalidDeposit(new BigDecimal("-0.01"), "amount must not be negative");
        assertInvalidDeposit(new BigDecimal("1.005"), "amount has more than 2 decimals");
        assertInvalidDeposit(new BigDecimal("1E+17"), "amount has more than 17 digits before the decimal point");
        assertInvalidDeposit(new BigDecimal("1E+1000000"), "amount has more than 17 digits before the decimal point");
        assertThat(ledger.getTotals().getAccounts()).isZero();
    }

    @Test
    void aMissingAccountIsAFault() {
        AccountNotFoundException e = catchThrowableOfType(AccountNotFoundException.class, () -> ledger.getAccount(42));
        assertThat(e).hasMessage("account 42 not found");
        assertThat(e.getFaultInfo()).isEqualTo(new AccountNotFound(42));

        assertThatThrownBy(() -> ledger.getStatement(42, 10))
                .isInstanceOfSatisfying(AccountNotFoundException.class,
                        f -> assertThat(f.getFaultInfo().getAccountId()).isEqualTo(42));
    }

    @Test
    void schemaCreationIsRepeatable() throws Exception {
        Account a = ledger.openAccount("Ada", BigDecimal.TEN);
        JdbcLedgerService second = new JdbcLedgerService(pool, LedgerOptions.defaults());
        second.createSchema();
        assertThat(second.getAccount(a.getId())).isEqualTo(a);
    }

    // ---------------------------------------------------------------------------------------------------
    // transfers

    @Test
    void transfersMoney() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("100.00"));
        Account b = ledger.openAccount("B", new BigDecimal("20.00"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        TransferReceipt r = ledger.transfer(new TransferRequest("t-1", a.getId(), b.getId(), new BigDecimal("25.5")));

        assertThat(r.getTransferId()).isPositive();
        assertThat(r.getRequestId()).isEqualTo("t-1");
        assertThat(r.getFromAccount()).isEqualTo(a.getId());
        assertThat(r.getToAccount()).isEqualTo(b.getId());
        assertThat(r.getAmount()).isEqualTo(new BigDecimal("25.50"));
        assertThat(r.getFromBalance()).isEqualTo(new BigDecimal("74.50"));
        assertThat(r.getToBalance()).isEqualTo(new BigDecimal("45.50"));
        assertThat(r.getTimestamp()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(ledger.getAccount(a.getId()).getBalance()).isEqualTo(new BigDecimal("74.50"));
        assertThat(ledger.getAccount(b.getId()).getBalance()).isEqualTo(new BigDecimal("45.50"));

        List<StatementEntry> fromEntries = ledger.getStatement(a.getId(), 10).getEntries();
        assertThat(fromEntries).hasSize(2);
        assertThat(fromEntries.get(1)).isEqualTo(
                new StatementEntry(r.getTransferId(), new BigDecimal("-25.50"), new BigDecimal("74.50"), r.getTimestamp()));
        List<StatementEntry> toEntries = ledger.getStatement(b.getId(), 10).getEntries();
        assertThat(toEntries.get(1)).isEqualTo(
                new StatementEntry(r.getTransferId(), new BigDecimal("25.50"), new BigDecimal("45.50"), r.getTimestamp()));
        assertThat(ledger.getTotals()).isEqualTo(new Totals(2, new BigDecimal("120.00")));
    }

    @Test
    void transferToOrFromAMissingAccountIsAFault() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("100.00"));

        AccountNotFoundException to = catchThrowableOfType(AccountNotFoundException.class,
                () -> ledger.transfer(new TransferRequest("t-1", a.getId(), 999, BigDecimal.ONE)));
        assertThat(to).hasMessage("account 999 not found");
        assertThat(to.getFaultInfo().getAccountId()).isEqualTo(999);

        AccountNotFoundException from = catchThrowableOfType(AccountNotFoundException.class,
                () -> ledger.transfer(new TransferRequest("t-2", 998, a.getId(), BigDecimal.ONE)));
        assertThat(from.getFaultInfo().getAccountId()).isEqualTo(998);

        assertUnchanged(a, "100.00");
    }

    @Test
    void transferBeyondTheBalanceIsAFault() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("10"));
        Account b = ledger.openAccount("B", new BigDecimal("0"));

        InsufficientFundsException e = catchThrowableOfType(InsufficientFundsException.class,
                () -> ledger.transfer(new TransferRequest("t-1", a.getId(), b.getId(), new BigDecimal("25"))));

        assertThat(e).hasMessage("account " + a.getId() + " has 10.00, transfer needs 25.00");
        assertThat(e.getFaultInfo()).isEqualTo(
                new InsufficientFunds(a.getId(), new BigDecimal("10.00"), new BigDecimal("25.00")));
        assertUnchanged(a, "10.00");
        assertUnchanged(b, "0.00");

        // the whole balance may go
        assertThat(ledger.transfer(new TransferRequest("t-2", a.getId(), b.getId(), new BigDecimal("10")))
                .getFromBalance()).isEqualByComparingTo("0");
    }

    @Test
    void refusedTransfersDoNotUseUpTheirRequestId() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("5.00"));
        Account b = ledger.openAccount("B", new BigDecimal("50.00"));
        TransferRequest request = new TransferRequest("t-1", a.getId(), b.getId(), new BigDecimal("20.00"));
        assertThatThrownBy(() -> ledger.transfer(request)).isInstanceOf(InsufficientFundsException.class);

        ledger.transfer(new TransferRequest("t-0", b.getId(), a.getId(), new BigDecimal("15.00")));
        assertThat(ledger.transfer(request).getFromBalance()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void refusesBadAmounts() throws Exception {
        JdbcLedgerService small = new JdbcLedgerService(pool, new LedgerOptions(new BigDecimal("100.00")));
        Account a = small.openAccount("A", new BigDecimal("1000.00"));
        Account b = small.openAccount("B", new BigDecimal("0.00"));

        assertInvalidTransfer(small, a, b, null, "amount is required");
        assertInvalidTransfer(small, a, b, new BigDecimal("0"), "amount must be positive");
        assertInvalidTransfer(small, a, b, new BigDecimal("0.00"), "amount must be positive");
        assertInvalidTransfer(small, a, b, new BigDecimal("-5.00"), "amount must be positive");
        assertInvalidTransfer(small, a, b, new BigDecimal("0.001"), "amount has more than 2 decimals");
        assertInvalidTransfer(small, a, b, new BigDecimal("10.125"), "amount has more than 2 decimals");
        assertInvalidTransfer(small, a, b, new BigDecimal("100.01"), "amount exceeds the limit of 100.00 per transfer");
        assertInvalidTransfer(small, a, a, new BigDecimal("1.00"), "from and to are the same account");

        InvalidAmountException e = catchThrowableOfType(InvalidAmountException.class,
                () -> small.transfer(new TransferRequest("x", a.getId(), b.getId(), new BigDecimal("0.001"))));
        assertThat(e).hasMessage("transfer amount 0.001 has more than 2 decimals");
        assertThat(e.getFaultInfo().getAmount()).isEqualTo(new BigDecimal("0.001"));

        // the limit itself is allowed
        assertThat(small.transfer(new TransferRequest("ok", a.getId(), b.getId(), new BigDecimal("100"))).getAmount())
                .isEqualTo(new BigDecimal("100.00"));
        assertUnchanged(a, "900.00", 2);
    }

    @Test
    void refusesABadRequest() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("10.00"));
        Account b = ledger.openAccount("B", new BigDecimal("10.00"));
        for (String id : new String[] {null, "", " ", "r".repeat(101)}) {
            assertThatThrownBy(() -> ledger.transfer(new TransferRequest(id, a.getId(), b.getId(), BigDecimal.ONE)))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(FaultCode.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> ledger.transfer(null)).isInstanceOf(ServiceException.class);
        assertUnchanged(a, "10.00");
        assertThat(ledger.transfer(new TransferRequest("r".repeat(100), a.getId(), b.getId(), BigDecimal.ONE))
                .getRequestId()).hasSize(100);
    }

    @Test
    void repeatingARequestReturnsTheFirstReceiptAndMovesNothing() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("100.00"));
        Account b = ledger.openAccount("B", new BigDecimal("0.00"));
        Account c = ledger.openAccount("C", new BigDecimal("0.00"));
        TransferRequest request = new TransferRequest("once", a.getId(), b.getId(), new BigDecimal("60.00"));

        TransferReceipt first = ledger.transfer(request);
        TransferReceipt again = ledger.transfer(request);
        // the same request id for a different transfer is the caller's bug: refused, not answered with a receipt
        // that would say money moved
        assertThatThrownBy(() -> ledger.transfer(new TransferRequest("once", a.getId(), c.getId(), new BigDecimal("70.00"))))
                .isInstanceOfSatisfying(io.wcf4j.ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(io.wcf4j.FaultCode.INVALID_ARGUMENT));

        assertThat(again).isEqualTo(first);
        assertThat(again.getTimestamp()).isEqualTo(first.getTimestamp());
        assertUnchanged(a, "40.00", 2);
        assertUnchanged(b, "60.00", 2);
        assertUnchanged(c, "0.00");
        assertThat(ledger.getTotals().getTotalBalance()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void submitTransferMovesMoneyAndOnlyLogsAFault() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("10.00"));
        Account b = ledger.openAccount("B", new BigDecimal("0.00"));
        ListAppender<ILoggingEvent> logged = captureLog();
        try {
            ledger.submitTransfer(new TransferRequest("queued-1", a.getId(), b.getId(), new BigDecimal("4.00")));
            ledger.submitTransfer(new TransferRequest("queued-2", a.getId(), b.getId(), new BigDecimal("400.00")));
            ledger.submitTransfer(new TransferRequest("queued-3", a.getId(), 999, new BigDecimal("1.00")));
        } finally {
            releaseLog(logged);
        }
        assertUnchanged(b, "4.00", 2);
        // a business outcome, not a problem of the host's: INFO, naming the request and the fault, not the amounts
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("queued transfer"))
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO))
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        m -> assertThat(m).contains("queued-2", "InsufficientFunds").doesNotContain("400"),
                        m -> assertThat(m).contains("queued-3", "AccountNotFound").doesNotContain("999"));
    }

    @Test
    void submitTransferStillRefusesAMalformedRequest() {
        // not a declared fault: it goes to the framework, which knows what to do with a bad one-way message
        assertThatThrownBy(() -> ledger.submitTransfer(new TransferRequest(null, 1, 2, BigDecimal.ONE)))
                .isInstanceOf(ServiceException.class);
    }

    // ---------------------------------------------------------------------------------------------------
    // statements and totals

    @Test
    void statementsAreTheNewestEntriesOldestFirst() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("1000.00"));
        Account b = ledger.openAccount("B", new BigDecimal("0.00"));
        // 1,000 transfers give A 1,001 entries: enough to see the default, the explicit and the capped limit
        for (int i = 1; i <= 1000; i++) {
            ledger.transfer(new TransferRequest("s-" + i, a.getId(), b.getId(), new BigDecimal("0.01")));
        }

        Statement all = ledger.getStatement(a.getId(), 5000);
        assertThat(all.getAccountId()).isEqualTo(a.getId());
        assertThat(all.getEntries()).hasSize(1000);
        assertThat(all.getEntries().get(999).getBalanceAfter()).isEqualTo(new BigDecimal("990.00"));
        // the opening entry is the one that fell off
        assertThat(all.getEntries().get(0).getTransferId()).isNotNull();
        assertThat(all.getEntries().get(0).getBalanceAfter()).isEqualTo(new BigDecimal("999.99"));

        assertThat(ledger.getStatement(a.getId(), 0).getEntries()).hasSize(50)
                .isEqualTo(all.getEntries().subList(950, 1000));
        assertThat(ledger.getStatement(a.getId(), -1).getEntries()).hasSize(50);
        assertThat(ledger.getStatement(a.getId(), 3).getEntries()).isEqualTo(all.getEntries().subList(997, 1000));
        assertConsistent(ledger.getStatement(b.getId(), 1000), "10.00");
    }

    @Test
    void statementsAddUpToTheBalance() throws Exception {
        Account a = ledger.openAccount("A", new BigDecimal("50.00"));
        Account b = ledger.openAccount("B", new BigDecimal("25.00"));
        Account c = ledger.openAccount("C", new BigDecimal("0.00"));
        ledger.transfer(new TransferRequest("1", a.getId(), b.getId(), new BigDecimal("10.00")));
        ledger.transfer(new TransferRequest("2", b.getId(), c.getId(), new BigDecimal("30.00")));
        ledger.transfer(new TransferRequest("3", c.getId(), a.getId(), new BigDecimal("0.01")));
        for (Account account : List.of(a, b, c)) {
            Statement s = ledger.getStatement(account.getId(), 0);
            assertThat(s.getEntries().get(0).getTransferId()).isNull();
            assertConsistent(s, ledger.getAccount(account.getId()).getBalance().toPlainString());
        }
        assertThat(ledger.getStatement(c.getId(), 0).getEntries()).extracting(StatementEntry::getAmount)
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("30.00"), new BigDecimal("-0.01"));
    }

    @Test
    void totals() throws Exception {
        Totals none = ledger.getTotals();
        assertThat(none.getAccounts()).isZero();
        assertThat(none.getTotalBalance()).isEqualTo(new BigDecimal("0.00"));

        ledger.openAccount("A", new BigDecimal("10.10"));
        ledger.openAccount("B", new BigDecimal("0.05"));
        Totals two = ledger.getTotals();
        assertThat(two.getAccounts()).isEqualTo(2);
        assertThat(two.getTotalBalance()).isEqualTo(new BigDecimal("10.15"));
    }

    // ---------------------------------------------------------------------------------------------------
    // concurrency

    @Test
    @Timeout(60)
    void concurrentTransfersKeepTheBooksBalanced() throws Exception {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accounts.add(ledger.openAccount("owner-" + i, new BigDecimal("500.00")).getId());
        }
        int threads = 8;
        int transfersPerThread = 250;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(executor.submit(() -> {
                    Random random = new Random(thread);
                    go.await();
                    for (int i = 0; i < transfersPerThread; i++) {
                        long from = accounts.get(random.nextInt(accounts.size()));
                        long to = accounts.get(random.nextInt(accounts.size()));
                        if (to == from) {
                            to = accounts.get((accounts.indexOf(from) + 1) % accounts.size());
                        }
                        // up to 200.00, so that some transfers find too little money
                        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(20_000), 2);
                        try {
                            ledger.transfer(new TransferRequest("c-" + thread + "-" + i, from, to, amount));
                            done.incrementAndGet();
                        } catch (InsufficientFundsException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> w : workers) {
                w.get(50, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(done.get() + refused.get()).isEqualTo(threads * transfersPerThread);
        assertThat(done.get()).isPositive();
        assertThat(countRows("SELECT COUNT(*) FROM ledger_transfer")).isEqualTo(done.get());
        assertThat(ledger.getTotals()).isEqualTo(new Totals(10, new BigDecimal("5000.00")));
        for (long id : accounts) {
            Account account = ledger.getAccount(id);
            assertThat(account.getBalance()).isNotNegative();
            Statement statement = ledger.getStatement(id, 1000);
            assertThat(statement.getEntries().size()).isLessThan(1000); // so the statement is the whole history
            assertConsistent(statement, account.getBalance().toPlainString());
        }
    }

    @Test
    @Timeout(60)
    void concurrentDuplicatesMoveMoneyOnce() throws Exception {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(ledger.openAccount("owner-" + i, new BigDecimal("1000.00")).getId());
        }
        int threads = 4;
        int requests = 50;
        Map<String, List<TransferReceipt>> receipts = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(executor.submit(() -> {
                    go.await();
                    for (int i = 0; i < requests; i++) {
                        // every thread sends each request id; half of them between other accounts per thread,
                        // so that duplicates also race on the unique request id rather than on row locks
                        int pair = i % 2 == 0 ? 0 : thread;
                        long from = accounts.get(2 * pair);
                        long to = accounts.get(2 * pair + 1);
                        String id = "dup-" + i;
                        try {
                            TransferReceipt r = ledger.transfer(new TransferRequest(id, from, to, new BigDecimal("1.00")));
                            receipts.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(r);
                        } catch (io.wcf4j.ServiceException e) {
                            // the same id between other accounts: refused (only where the pairs differ)
                            assertThat(i % 2).isEqualTo(1);
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> w : workers) {
                w.get(50, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(receipts).hasSize(requests);
        // every id moved money once; its repeats got that receipt, or were refused where they named other accounts
        receipts.forEach((id, list) -> assertThat(list).as(id).isNotEmpty().containsOnly(list.get(0)));
        assertThat(receipts.values().stream().mapToInt(List::size).sum() + refused.get()).isEqualTo(threads * requests);
        assertThat(countRows("SELECT COUNT(*) FROM ledger_transfer")).isEqualTo(requests);
        assertThat(countRows("SELECT COUNT(*) FROM ledger_entry WHERE transfer_id IS NOT NULL")).isEqualTo(2L * requests);
        assertThat(ledger.getTotals().getTotalBalance()).isEqualTo(new BigDecimal("8000.00"));
        for (long id : accounts) {
            assertConsistent(ledger.getStatement(id, 1000), ledger.getAccount(id).getBalance().toPlainString());
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private void assertInvalidDeposit(BigDecimal deposit, String reason) {
        assertThatThrownBy(() -> ledger.openAccount("Ada", deposit))
                .isInstanceOfSatisfying(InvalidAmountException.class, e -> {
                    assertThat(e.getFaultInfo().getReason()).isEqualTo(reason);
                    // an amount too far from money to print in full is left out of the fault, not echoed back
                    boolean printable = deposit == null || Math.abs((long) deposit.scale()) <= 100;
                    assertThat(e.getFaultInfo().getAmount()).isEqualTo(printable ? deposit : null);
                });
    }

    private static void assertInvalidTransfer(JdbcLedgerService service, Account from, Account to, BigDecimal amount,
                                              String reason) {
        assertThatThrownBy(() -> service.transfer(new TransferRequest("bad-" + reason, from.getId(), to.getId(), amount)))
                .as(String.valueOf(amount))
                .isInstanceOfSatisfying(InvalidAmountException.class,
                        e -> assertThat(e.getFaultInfo().getReason()).isEqualTo(reason));
    }

    /** The account has this balance and only the given number of entries (its opening one by default). */
    private void assertUnchanged(Account account, String balance) throws Exception {
        assertUnchanged(account, balance, 1);
    }

    private void assertUnchanged(Account account, String balance, int entries) throws Exception {
        assertThat(ledger.getAccount(account.getId()).getBalance()).isEqualTo(new BigDecimal(balance));
        Statement statement = ledger.getStatement(account.getId(), 0);
        assertThat(statement.getEntries()).hasSize(entries);
        assertConsistent(statement, balance);
    }

    /** Every entry's balance follows from the one before, and the whole history adds up to the balance. */
    private static void assertConsistent(Statement statement, String balance) {
        List<StatementEntry> entries = statement.getEntries();
        assertThat(entries).isNotEmpty();
        assertThat(entries.get(entries.size() - 1).getBalanceAfter()).isEqualTo(new BigDecimal(balance));
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            StatementEntry e = entries.get(i);
            sum = sum.add(e.getAmount());
            assertThat(e.getBalanceAfter()).as("entry %d of account %d", i, statement.getAccountId()).isNotNegative();
            if (i > 0) {
                assertThat(e.getBalanceAfter()).as("entry %d of account %d", i, statement.getAccountId())
                        .isEqualTo(entries.get(i - 1).getBalanceAfter().add(e.getAmount()));
                assertThat(e.getTimestamp()).isAfterOrEqualTo(entries.get(i - 1).getTimestamp());
            }
        }
        if (entries.get(0).getTransferId() == null) {
            assertThat(sum).as("sum of the entries of account %d", statement.getAccountId())
                    .isEqualTo(new BigDecimal(balance));
        }
    }

    private long countRows(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(JdbcLedgerService.class)).addAppender(appender);
        return appender;
    }

    private static void releaseLog(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(JdbcLedgerService.class)).detachAppender(appender);
        appender.stop();
    }

    @Test
    void absurdExponents_areRefusedCheaply() {
        for (String absurd : new String[] {"1E+999999999", "1E-999999999", "-1E+999999999"}) {
            BigDecimal amount = new BigDecimal(absurd);
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.openAccount("x", amount))
                    .isInstanceOf(io.wcf4j.sample.ledger.InvalidAmountException.class)
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage().length()).isLessThan(300));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.transfer(
                            new io.wcf4j.sample.ledger.TransferRequest("absurd-" + absurd, 1, 2, amount)))
                    .isInstanceOf(io.wcf4j.sample.ledger.InvalidAmountException.class)
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage().length()).isLessThan(300));
            org.assertj.core.api.Assertions.assertThat((System.nanoTime() - start) / 1_000_000).as(absurd).isLessThan(2000);
        }
    }

    @Test
    void requestIdReusedForADifferentTransfer_isRefusedNotAnsweredWithTheFirstReceipt() throws Exception {
        Account a = ledger.openAccount("reuse-a", new BigDecimal("100.00"));
        Account b = ledger.openAccount("reuse-b", new BigDecimal("0.00"));
        ledger.transfer(new io.wcf4j.sample.ledger.TransferRequest("reused", a.getId(), b.getId(), new BigDecimal("10.00")));
        assertThatThrownBy(() -> ledger.transfer(new io.wcf4j.sample.ledger.TransferRequest("reused", a.getId(), b.getId(),
                new BigDecimal("99.00"))))
                .isInstanceOfSatisfying(io.wcf4j.ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(io.wcf4j.FaultCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("reused").contains("different transfer");
                    // nothing of the earlier transfer: not its amount, not its accounts
                    assertThat(e.getMessage()).doesNotContain("10.00").doesNotContain("10")
                            .doesNotContain(String.valueOf(a.getId())).doesNotContain(String.valueOf(b.getId()));
                });
        assertThat(ledger.getAccount(b.getId()).getBalance()).isEqualByComparingTo("10.00");
    }
}
