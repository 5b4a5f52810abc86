package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The sample's roles, over every binding of the console host: anonymous callers (on a pipe: an OS user the
 * configuration gives no role) may call nothing, a teller
 * everything, an auditor only reads, and a customer reads and debits only the accounts it owns (the service compares
 * the owner with the principal, which is the same whatever the wire).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LedgerRolesTest {
    private ConsoleHostFixture host;
    private LedgerClients teller;
    private LedgerClients auditor;
    private LedgerClients alice;
    private LedgerClients anonymous;
    private Account alices;
    private Account bobs;

    @BeforeAll
    void start() throws Exception {
        host = ConsoleHostFixture.get();
        teller = new LedgerClients(host);
        auditor = new LedgerClients(host, DemoUsers.credentials(DemoUsers.AUDITOR));
        alice = new LedgerClients(host, DemoUsers.credentials(DemoUsers.ALICE));
        anonymous = new LedgerClients(host, null);
        alices = teller.rest().openAccount(DemoUsers.ALICE, new BigDecimal("100.00"));
        bobs = teller.rest().openAccount("bob", new BigDecimal("100.00"));
    }

    @AfterAll
    void stop() {
        for (LedgerClients c : new LedgerClients[] {teller, auditor, alice, anonymous}) {
            c.close();
        }
    }

    private static TransferRequest transfer(long from, long to) {
        return new TransferRequest(UUID.randomUUID().toString(), from, to, new BigDecimal("1.00"));
    }

    private static void refused(ThrowingCallable call, FaultCode code, String binding) {
        assertThatThrownBy(call).as(binding).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).as(binding).isEqualTo(code));
    }

    @Test
    void anonymousCallersMayCallNothing() {
        for (Map.Entry<String, Ledger> b : anonymous.byBinding.entrySet()) {
            // a pipe's caller is never anonymous: the kernel names its OS user (unix:<user>), who holds no ledger role
            FaultCode expected = b.getKey().equals("pipe") ? FaultCode.PERMISSION_DENIED : FaultCode.UNAUTHENTICATED;
            refused(() -> b.getValue().getTotals(), expected, b.getKey());
            refused(() -> b.getValue().getAccount(alices.getId()), expected, b.getKey());
        }
    }

    @Test
    void anAuditorReadsEverything_butMovesNoMoney() throws Exception {
        for (Map.Entry<String, Ledger> b : auditor.byBinding.entrySet()) {
            Ledger l = b.getValue();
            assertThat(l.getTotals().getAccounts()).as(b.getKey()).isPositive();
            assertThat(l.getAccount(bobs.getId()).getOwner()).as(b.getKey()).isEqualTo("bob");
            assertThat(l.getStatement(alices.getId(), 5).getEntries()).as(b.getKey()).isNotEmpty();
            refused(() -> l.transfer(transfer(bobs.getId(), alices.getId())), FaultCode.PERMISSION_DENIED, b.getKey());
            refused(() -> l.openAccount("auditor", BigDecimal.TEN), FaultCode.PERMISSION_DENIED, b.getKey());
        }
    }

    @Test
    void aCustomerReadsAndDebitsOnlyItsOwnAccounts_onEveryBinding() throws Exception {
        BigDecimal before = teller.soap().getAccount(alices.getId()).getBalance();
        int moved = 0;
        for (Map.Entry<String, Ledger> b : alice.byBinding.entrySet()) {
            Ledger l = b.getValue();
            assertThat(l.getAccount(alices.getId()).getOwner()).as(b.getKey()).isEqualTo(DemoUsers.ALICE);
            assertThat(l.transfer(transfer(alices.getId(), bobs.getId())).getFromAccount()).as(b.getKey()).isEqualTo(alices.getId());
            moved++;
            refused(() -> l.getAccount(bobs.getId()), FaultCode.PERMISSION_DENIED, b.getKey());
            refused(() -> l.getStatement(bobs.getId(), 5), FaultCode.PERMISSION_DENIED, b.getKey());
            refused(() -> l.transfer(transfer(bobs.getId(), alices.getId())), FaultCode.PERMISSION_DENIED, b.getKey());
            refused(() -> l.getTotals(), FaultCode.PERMISSION_DENIED, b.getKey());
            refused(() -> l.openAccount(DemoUsers.ALICE, BigDecimal.TEN), FaultCode.PERMISSION_DENIED, b.getKey());
        }
        assertThat(teller.soap().getAccount(alices.getId()).getBalance())
                .isEqualByComparingTo(before.subtract(new BigDecimal(moved)));
    }

    @Test
    void overRawHttp_anonymousGets401WithAChallenge_andTheWrongRoleA403Problem() {
        var anonymous = host.sendAnonymous(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/api/ledger/totals"))).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().contains("Basic realm=\"ledger\"");
        var customer = host.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.url("/api/ledger/totals")))
                .header("Authorization", DemoUsers.basic(DemoUsers.ALICE)).GET());
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
    }
}
