package io.wcf4j.clients.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import io.wcf4j.security.ConfiguredIdentityStore;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import io.wcf4j.security.Wcf4jSecurity;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Phase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged CLI with credentials: a password from a file, a token it minted itself, a client certificate, a
 * WS-Security UsernameToken; over HTTPS, net.tcp with TLS and SOAP in message mode. The host records the
 * principal of each call, so each test sees whom the CLI was taken for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliSecurityIT {
    private final DevelopmentPki pki = TestPki.trusted();
    private final List<String> principals = new CopyOnWriteArrayList<>();
    private ServiceHost host;
    private int httpsPort;
    private int tlsPort;
    private int httpPort;
    private Path work;
    private long alicesAccount;


    @BeforeAll
    void start() throws Exception {
        httpsPort = freePort();
        tlsPort = freePort();
        httpPort = freePort();
        work = Files.createTempDirectory("wcf4j-cli-security");
        Files.writeString(work.resolve("teller.password"), "teller-password\n");
        Files.writeString(work.resolve("wrong.password"), "guess\n");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cli-security;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        SecurityConfig security = new SecurityConfig("ledger", Map.of("teller", new SecurityConfig.User("teller",
                ConfiguredIdentityStore.hash("teller-password"), "teller-password", List.of("teller")),
                // no password: only its client certificate (CN) logs it in
                "conformance-root", new SecurityConfig.User("conformance-root", null, null, List.of("teller"))),
                new SecurityConfig.FailedLogins(Duration.ofMillis(1), Duration.ofMillis(1)),
                new SecurityConfig.Jwt("wcf4j-development", "wcf4j-ledger", pki.jwtKeys().toString(), "roles", Duration.ofSeconds(30)));
        Map<String, Object> tls = Map.of("tls-certificate", pki.serverCertificate().toString(), "tls-private-key",
                pki.serverKey().toString(), "tls-trust", pki.caCertificate().toString(), "client-certificate", "optional");
        Map<String, Object> tcpTls = new java.util.HashMap<>(tls);
        tcpTls.put("security-mode", "transport");
        JdbcLedgerService ledger = new JdbcLedgerService(ds, LedgerOptions.defaults());
        alicesAccount = ledger.openAccount("alice", new java.math.BigDecimal("5.00")).getId();
        host = ServiceHost.builder(Ledger.class).name("ledger").implementation(ledger)
                .endpoint("ledger-rest-tls", "https://127.0.0.1:" + httpsPort + "/api/ledger", BindingConfig.of("rest-json", tls))
                .endpoint("ledger-tcp-tls", "net.tcp://127.0.0.1:" + tlsPort + "/ledger", BindingConfig.of("net-tcp", tcpTls))
                .endpoint("ledger-soap-wss", "http://127.0.0.1:" + httpPort + "/services/ledger",
                        BindingConfig.of("soap-http", Map.of("security-mode", "message")))
                .dispatchBehavior(Wcf4jSecurity.authentication(security, Path.of("")))
                .dispatchBehavior(DispatchBehavior.of(Phase.ADMIT, 10, (call, next) -> {
                    principals.add(call.context().principal() == null ? "anonymous" : call.context().principal().getName());
                    return next.proceed(call);
                }))
                .build();
        host.open();
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private static CliProcess cli(String... args) throws Exception {
        return CliProcess.run(args);
    }

    private String lastPrincipal() {
        return principals.get(principals.size() - 1);
    }

    @Test
    void https_withAPasswordFromAFile() throws Exception {
        CliProcess r = cli("call", "https://localhost:" + httpsPort + "/api/ledger", "getTotals", "--ca", pki.caCertificate().toString(),
                "--user", "teller", "--password-file", work.resolve("teller.password").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(lastPrincipal()).isEqualTo("teller");
        CliProcess wrong = cli("call", "https://localhost:" + httpsPort + "/api/ledger", "getTotals", "--ca", pki.caCertificate().toString(),
                "--user", "teller", "--password-file", work.resolve("wrong.password").toString());
        assertThat(wrong.exit()).isEqualTo(Wcf4jCli.SERVICE_ERROR);
        assertThat(wrong.err()).contains("UNAUTHENTICATED").doesNotContain("guess");
    }

    @Test
    void aUserWithoutAPasswordSource_andNoTerminal_isAUsageError() throws Exception {
        CliProcess r = cli("call", "https://localhost:" + httpsPort + "/api/ledger", "getTotals", "--ca", pki.caCertificate().toString(),
                "--user", "teller");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--password-file");
    }

    @Test
    void aTokenTheCliMinted_isTheBearer() throws Exception {
        CliProcess token = cli("token", "--key", pki.jwtSigningKey().toString(), "--subject", "alice", "--role", "customer", "--ttl", "2m");
        assertThat(token.exit()).as(token.err()).isZero();
        Path file = work.resolve("alice.jwt");
        Files.writeString(file, token.out());
        // the token's subject owns the account, and its role lets a customer read its own accounts
        CliProcess r = cli("call", "https://localhost:" + httpsPort + "/api/ledger", "getAccount", "--ca", pki.caCertificate().toString(),
                "--token-file", file.toString(), "--arg", "accountId=" + alicesAccount);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"owner\" : \"alice\"");
        assertThat(lastPrincipal()).isEqualTo("alice");
        CliProcess totals = cli("call", "https://localhost:" + httpsPort + "/api/ledger", "getTotals", "--ca", pki.caCertificate().toString(),
                "--token-file", file.toString());
        assertThat(totals.exit()).as("a customer may not read the totals").isEqualTo(Wcf4jCli.SERVICE_ERROR);
        assertThat(totals.err()).contains("PERMISSION_DENIED");
    }

    @Test
    void netTcpTls_withAClientCertificate() throws Exception {
        CliProcess r = cli("call", "net.tcp://localhost:" + tlsPort + "/ledger", "getTotals", "--tls", "--ca", pki.caCertificate().toString(),
                "--cert", pki.clientCertificate("conformance-root").toString(), "--key", pki.clientKey("conformance-root").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(lastPrincipal()).isEqualTo("conformance-root");
    }

    @Test
    void soapMessageSecurity_withAPasswordDigest() throws Exception {
        CliProcess r = cli("call", "http://127.0.0.1:" + httpPort + "/services/ledger", "getTotals", "--binding", "soap-http",
                "--security", "message", "--digest", "--user", "teller", "--password-file", work.resolve("teller.password").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(lastPrincipal()).isEqualTo("teller");
    }

    @Test
    void hashPassword_printsAHashTheIdentityStoreAccepts() throws Exception {
        CliProcess r = cli("hash-password", "--password-file", work.resolve("teller.password").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String hash = r.out().strip();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("teller-password");
        SecurityConfig config = new SecurityConfig("t", Map.of("u", new SecurityConfig.User("u", hash, null, List.of("r"))),
                new SecurityConfig.FailedLogins(Duration.ofMillis(1), Duration.ofMillis(1)), null);
        io.wcf4j.security.IdentityStore store = Wcf4jSecurity.authentication(config, Path.of("")).store();
        assertThat(store.verifyPassword("u", "teller-password".toCharArray(), "127.0.0.1:1")).isPresent();
        assertThat(store.verifyPassword("u", "guess".toCharArray(), "127.0.0.1:1")).isEmpty();
        CliProcess noSource = cli("hash-password");
        assertThat(noSource.exit()).isEqualTo(2);
        assertThat(noSource.err()).contains("--password-file");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
