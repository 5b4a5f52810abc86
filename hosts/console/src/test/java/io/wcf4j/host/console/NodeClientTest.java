package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.sample.ledger.Account;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A net.tcp client in another language, written only from docs/tcp-framing.md (src/test/node/ledger-client.mjs,
 * no npm packages), exchanges credentials and calls getAccount on the running ledger. Node.js ships with the
 * development machine.
 */
class NodeClientTest {
    private record Result(int exit, String out) {
    }

    private Result run(String... args) throws Exception {
        return runAs(DemoUsers.AUDITOR, DemoUsers.password(DemoUsers.AUDITOR), args);
    }

    private Result runAs(String user, String password, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "node";
        command[1] = Path.of("src/test/node/ledger-client.mjs").toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (user != null) {
            pb.environment().put("WCF4J_USER", user);
            pb.environment().put("WCF4J_PASSWORD", password);
        }
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void nodeClientFromTheDocsCallsGetAccount() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        try (LedgerClients clients = new LedgerClients(host)) {
            Account a = clients.rest().openAccount("n\u00f6de", new BigDecimal("1234.56"));
            Result ok = run("127.0.0.1", Integer.toString(host.tcpPort), "/ledger", Long.toString(a.getId()));
            assertThat(ok.exit()).as(ok.out()).isZero();
            JsonNode account = new ObjectMapper().readTree(ok.out());
            assertThat(account.get("id").asLong()).isEqualTo(a.getId());
            assertThat(account.get("owner").asString()).isEqualTo("n\u00f6de");
            assertThat(new BigDecimal(account.get("balance").asString())).isEqualByComparingTo("1234.56");

            Result missing = run("127.0.0.1", Integer.toString(host.tcpPort), "/ledger", "987654321");
            assertThat(missing.exit()).as(missing.out()).isEqualTo(2);
            JsonNode fault = new ObjectMapper().readTree(missing.out()).get("fault");
            assertThat(fault.get("kind").asString()).isEqualTo("fault");
            assertThat(fault.get("name").asString()).isEqualTo("AccountNotFound");
            assertThat(fault.get("detail").get("accountId").asLong()).isEqualTo(987654321L);

            // the credentials exchange refused: a FAULT for the connection, then it closes
            Result wrong = runAs(DemoUsers.AUDITOR, "not-the-password", "127.0.0.1", Integer.toString(host.tcpPort), "/ledger",
                    Long.toString(a.getId()));
            assertThat(wrong.exit()).as(wrong.out()).isEqualTo(5);
            assertThat(new ObjectMapper().readTree(wrong.out()).get("fault").get("code").asString()).isEqualTo("UNAUTHENTICATED");
            // no credentials: the call is anonymous, and the ledger lets nobody in anonymously
            Result anonymous = runAs(null, null, "127.0.0.1", Integer.toString(host.tcpPort), "/ledger", Long.toString(a.getId()));
            assertThat(anonymous.exit()).as(anonymous.out()).isEqualTo(2);
            assertThat(new ObjectMapper().readTree(anonymous.out()).get("fault").get("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }
}
