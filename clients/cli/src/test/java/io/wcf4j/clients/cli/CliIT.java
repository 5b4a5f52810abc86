package io.wcf4j.clients.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import io.wcf4j.security.ConfiguredIdentityStore;
import io.wcf4j.security.Wcf4jSecurity;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The CLI against the ledger on every binding: its commands in this JVM, its packaging as a separate process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
    private ServiceHost host;
    private int httpPort;
    private int tcpPort;
    private int jmsPort;
    private int grpcPort;
    private Path socket;
    private Path password;
    private final ObjectMapper json = new ObjectMapper();


    @BeforeAll
    void start() throws Exception {
        httpPort = freePort();
        tcpPort = freePort();
        jmsPort = freePort();
        grpcPort = freePort();
        socket = Files.createTempDirectory("wcf4j-cli").resolve("ledger.sock");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cli;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        password = Files.writeString(socket.getParent().resolve("teller.password"), "teller-password\n");
        SecurityConfig security = new SecurityConfig("ledger", Map.of("teller", new SecurityConfig.User("teller",
                ConfiguredIdentityStore.hash("teller-password"), "teller-password", List.of("teller"))),
                SecurityConfig.FailedLogins.DEFAULT, null);
        host = ServiceHost.builder(Ledger.class).name("ledger").implementation(new JdbcLedgerService(ds, LedgerOptions.defaults()))
                .dispatchBehavior(Wcf4jSecurity.authentication(security, Path.of("")))
                .endpoint("ledger-soap", "http://127.0.0.1:" + httpPort + "/services/ledger", BindingConfig.of("soap-http"))
                .endpoint("ledger-soap12", "http://127.0.0.1:" + httpPort + "/services/ledger-soap12",
                        BindingConfig.of("soap-http", Map.of("soap-version", "1.2")))
                .endpoint("ledger-rest", "http://127.0.0.1:" + httpPort + "/api/ledger", BindingConfig.of("rest-json"))
                .endpoint("ledger-tcp", "net.tcp://127.0.0.1:" + tcpPort + "/ledger", BindingConfig.of("net-tcp"))
                .endpoint("ledger-pipe", "net.pipe://" + socket, BindingConfig.of("net-pipe"))
                .endpoint("ledger-grpc", "grpc://127.0.0.1:" + grpcPort, BindingConfig.of("grpc"))
                // no url: the host starts an embedded broker, its acceptor on a free port for the CLI's process
                .endpoint("ledger-jms", "jms:queue:cli.ledger", BindingConfig.of("soap-jms", Map.of(
                        "embedded-data-directory", socket.getParent().resolve("artemis").toString(),
                        "embedded-acceptor", "tcp://127.0.0.1:" + jmsPort,
                        "embedded-user", "cli-client", "embedded-password", "cli-client-secret",
                        "security-mode", "message", "message-credential", "username-digest")))
                .build();
        host.open();
    }

    @AfterAll
    void stop() {
        host.close();
    }

    /**
     * A CLI run in this JVM; {@code call} runs as the teller (the ledger lets nobody in anonymously). The tests of
     * the packaging (a contract outside the jar, {@code loader.path}, the completion script) run the jar itself.
     */
    private CliProcess cli(String... args) throws Exception {
        if (args.length == 0 || !args[0].equals("call")) {
            return CliProcess.inThisJvm(args);
        }
        String[] withUser = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--user", "teller", "--password-file", password.toString()}, 0, withUser, args.length, 4);
        return CliProcess.inThisJvm(withUser);
    }

    private String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Test
    void protoWritesTheContractsGrpcForm_asTheHostPublishesIt() throws Exception {
        Path dir = Files.createTempDirectory("wcf4j-proto");
        CliProcess r = cli("proto", "io.wcf4j.sample.ledger.Ledger", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path written = dir.resolve("io/wcf4j/sample/ledger/ledger/Ledger.proto");
        assertThat(r.out().strip()).isEqualTo(written.toString());
        assertThat(Files.readString(written)).isEqualTo(Files.readString(Path.of("../../contracts/src/main/resources/proto/ledger.proto")));
        CliProcess missing = cli("proto", "no.such.Contract");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no contract no.such.Contract");
    }

    @Test
    void listShowsTheEndpointsFromMetadata() throws Exception {
        CliProcess r = cli("list", "http://127.0.0.1:" + httpPort);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("NAME", "BINDING", "ADDRESS", "ledger-soap", "ledger-rest", "ledger-tcp", "ledger-pipe",
                "net.tcp://127.0.0.1:" + tcpPort + "/ledger");
    }

    @Test
    void describeShowsTheOperationsAndDataContracts_fromTheHostsMetadataAlone() throws Exception {
        CliProcess r = cli("describe", "http://127.0.0.1:" + httpPort);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ledger (io.wcf4j.sample.ledger.Ledger, namespace http://wcf4j.io/samples/ledger)")
                .contains("endpoint ledger-tcp: net-tcp net.tcp://127.0.0.1:" + tcpPort + "/ledger")
                .contains("openAccount(owner: string, initialDeposit: decimal) -> Account  faults: InvalidAmount")
                .contains("submitTransfer(request: TransferRequest) one-way")
                .contains("getStatement(accountId: integer, limit: integer) -> Statement")
                .contains("TransferRequest { requestId: string, fromAccount: integer, toAccount: integer, amount: decimal }")
                .contains("entries: list<StatementEntry>");
        CliProcess asJson = cli("describe", "http://127.0.0.1:" + httpPort, "--service", "ledger", "--json");
        assertThat(asJson.exit()).as(asJson.err()).isZero();
        JsonNode described = json.readTree(asJson.out()).get(0).get("description");
        assertThat(described.get("operations").size()).isEqualTo(6);
        CliProcess none = cli("describe", "http://127.0.0.1:" + httpPort, "--service", "payroll");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no service 'payroll'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soap", "soap12", "rest", "tcp", "pipe", "jms", "grpc"})
    void callsTheLedgerOverEveryBinding(String binding) throws Exception {
        String address = switch (binding) {
            case "soap" -> http("/services/ledger");
            case "soap12" -> http("/services/ledger-soap12");
            case "rest" -> http("/api/ledger");
            case "tcp" -> "net.tcp://127.0.0.1:" + tcpPort + "/ledger";
            case "jms" -> "jms:queue:cli.ledger";
            case "grpc" -> "grpc://127.0.0.1:" + grpcPort;
            default -> "net.pipe://" + socket;
        };
        String broker = "--broker=tcp://127.0.0.1:" + jmsPort;
        Path brokerPassword = Files.writeString(Files.createTempFile("broker", ".password"), "cli-client-secret\n");
        CliProcess opened = binding.equals("jms")
                ? cli("call", address, "openAccount", broker, "--broker-user", "cli-client", "--security", "message", "--digest",
                        "--broker-password-file", brokerPassword.toString(), "--arg", "owner=cli-" + binding, "--arg", "initialDeposit=12.50")
                : cli("call", address, "openAccount", "--arg", "owner=cli-" + binding, "--arg", "initialDeposit=12.50");
        assertThat(opened.exit()).as(opened.err()).isZero();
        JsonNode account = json.readTree(opened.out());
        assertThat(account.get("owner").asString()).isEqualTo("cli-" + binding);
        CliProcess got = binding.equals("jms")
                ? cli("call", address, "getAccount", broker, "--broker-user", "cli-client", "--security", "message", "--digest",
                        "--broker-password-file", brokerPassword.toString(), "--arg", "accountId=" + account.get("id").asLong())
                : cli("call", address, "getAccount", "--arg", "accountId=" + account.get("id").asLong());
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(json.readTree(got.out()).get("balance").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void transferWithJson_faultAndTable() throws Exception {
        String rest = http("/api/ledger");
        long a = json.readTree(cli("call", rest, "openAccount", "--arg", "owner=a", "--arg", "initialDeposit=10.00").out()).get("id").asLong();
        long b = json.readTree(cli("call", rest, "openAccount", "--arg", "owner=b", "--arg", "initialDeposit=0").out()).get("id").asLong();
        CliProcess ok = cli("call", "net.tcp://127.0.0.1:" + tcpPort + "/ledger", "transfer", "--json",
                "{\"requestId\":\"cli-1\",\"fromAccount\":" + a + ",\"toAccount\":" + b + ",\"amount\":4.00}");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(json.readTree(ok.out()).get("toBalance").decimalValue()).isEqualByComparingTo("4.00");

        CliProcess fault = cli("call", http("/services/ledger"), "transfer", "--json",
                "{\"requestId\":\"cli-2\",\"fromAccount\":" + a + ",\"toAccount\":" + b + ",\"amount\":400.00}");
        assertThat(fault.exit()).isEqualTo(3);
        JsonNode f = json.readTree(fault.out());
        assertThat(f.get("fault").asString()).isEqualTo("InsufficientFunds");
        assertThat(f.get("detail").get("accountId").asLong()).isEqualTo(a);

        CliProcess table = cli("call", rest, "getStatement", "--arg", "accountId=" + a, "--arg", "limit=10", "--table");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("amount", "balanceAfter", "10.00", "-4.00");
    }

    @Test
    void textArgumentsStayText() throws Exception {
        for (String owner : new String[] {"1e3", "null", "42 apples", "true story"}) {
            CliProcess r = cli("call", http("/api/ledger"), "openAccount", "--arg", "owner=" + owner, "--arg", "initialDeposit=1.00");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(json.readTree(r.out()).get("owner").asString()).isEqualTo(owner);
        }
        CliProcess trailing = cli("call", http("/api/ledger"), "getAccount", "--arg", "accountId=1 2");
        assertThat(trailing.exit()).as("a number followed by more text is not a number").isEqualTo(2);
        CliProcess badBinding = cli("call", "net.tcp://127.0.0.1:" + tcpPort + "/ledger", "getTotals", "--binding", "rest-json");
        assertThat(badBinding.exit()).as(badBinding.err()).isEqualTo(2);
    }

    @Test
    void errorsHaveTheirExitCodes() throws Exception {
        CliProcess unreachable = cli("call", "net.tcp://127.0.0.1:1/ledger", "getTotals");
        assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(5);
        CliProcess unreachableHttp = cli("call", "http://127.0.0.1:1/api/ledger", "getTotals");
        assertThat(unreachableHttp.exit()).as(unreachableHttp.err()).isEqualTo(5);
        CliProcess unknownOp = cli("call", http("/api/ledger"), "stealMoney");
        assertThat(unknownOp.exit()).isEqualTo(2);
        assertThat(unknownOp.err()).contains("unknown operation 'stealMoney'").contains("getTotals");
        CliProcess badArg = cli("call", http("/api/ledger"), "getAccount", "--arg", "accountId=abc");
        assertThat(badArg.exit()).isEqualTo(2);
        assertThat(badArg.err()).contains("accountId").contains("long");
        CliProcess missing = cli("call", http("/api/ledger"), "getAccount");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("missing argument 'accountId'");
        CliProcess notFound = cli("call", http("/api/ledger"), "getAccount", "--arg", "accountId=999999");
        assertThat(notFound.exit()).isEqualTo(3);
        assertThat(notFound.out()).contains("AccountNotFound");
    }

    @Test
    void repeatPrintsALatencySummary_andHelpIsThere() throws Exception {
        CliProcess r = cli("call", "net.pipe://" + socket, "getTotals", "--repeat", "200", "--concurrency", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("200 calls, 0 failed, 4 concurrent").contains("p50").contains("p99");
        CliProcess help = cli("call", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: wcf4j call").contains("--arg").contains("--repeat").contains("Examples");
        CliProcess top = cli("--help");
        assertThat(top.out()).contains("list").contains("call").contains("Exit codes");
    }

    @Test
    void aClientEndpointOfAConfigurationFile_isCalledByName() throws Exception {
        Path file = socket.getParent().resolve("clients.yml");
        Files.writeString(file, """
                wcf4j:
                  credentials:
                    teller: { user: teller, password-file: "%s" }
                  clients:
                    ledger-tcp:  { contract: io.wcf4j.sample.ledger.Ledger, address: "net.tcp://127.0.0.1:%d/ledger", binding: net-tcp,
                                   credentials: teller, settings: { send-timeout: 5s } }
                    ledger-rest: { address: "http://127.0.0.1:%d/api/ledger", binding: rest-json, credentials: teller }
                """.formatted(password, tcpPort, httpPort));
        for (String name : new String[] {"ledger-tcp", "ledger-rest"}) {
            CliProcess r = CliProcess.inThisJvm("call", "--config", file.toString(), name, "getTotals");
            assertThat(r.exit()).as(name + ": " + r.err()).isZero();
            assertThat(json.readTree(r.out()).has("totalBalance")).isTrue();
        }
        CliProcess unknown = CliProcess.inThisJvm("call", "--config", file.toString(), "ledger-soap", "getTotals");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("wcf4j.clients.ledger-soap: no client endpoint of this name; defined: [ledger-rest, ledger-tcp]");
    }

    @Test
    void aContractNotOnTheClassPath_isOneLineSayingHowToAddIt_andLoaderPathAddsIt() throws Exception {
        CliProcess missing = cli("call", http("/api/ledger"), "getTotals", "--contract", "com.example.Missing");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--contract com.example.Missing: no such class").contains("-Dloader.path=")
                .contains("wcf4j call --help shows the options").doesNotContain("Usage:");
        // a contract of one's own, from its jar: the conformance suite's, served on REST
        Path contracts = Path.of(io.wcf4j.conformance.ConformanceService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ServiceHost conformance = ServiceHost.builder(io.wcf4j.conformance.ConformanceService.class).name("conformance")
                .implementation(new io.wcf4j.conformance.ConformanceServiceImpl())
                .endpoint("conformance-rest", "http://127.0.0.1:0/api/conformance", BindingConfig.of("rest-json")).build()) {
            conformance.open();
            CliProcess own = CliProcess.runWith(List.of("-Dloader.path=" + contracts), "call", conformance.endpoints().get(0).address().toString(),
                    "add", "--contract", "io.wcf4j.conformance.ConformanceService", "--arg", "a=2", "--arg", "b=40");
            assertThat(own.exit()).as(own.err()).isZero();
            assertThat(own.out().strip()).isEqualTo("42");
        }
    }

    @Test
    void anEndpointOfEveryBindingIsCalledFromItsPublishedDescriptionAlone_withoutTheContractsClasses() throws Exception {
        int conformanceBroker = freePort();
        Path brokerPassword = Files.writeString(socket.getParent().resolve("conformance-broker.password"), "conformance-secret\n");
        // the conformance suite's contract: not in the CLI's jar, and no -Dloader.path
        try (ServiceHost conformance = ServiceHost.builder(io.wcf4j.conformance.ConformanceService.class).name("conformance")
                .implementation(new io.wcf4j.conformance.ConformanceServiceImpl())
                .endpoint("conformance-rest", "http://127.0.0.1:0/api/conformance", BindingConfig.of("rest-json"))
                .endpoint("conformance-tcp", "net.tcp://127.0.0.1:0/conformance", BindingConfig.of("net-tcp"))
                .endpoint("conformance-soap", "http://127.0.0.1:0/services/conformance", BindingConfig.of("soap-http"))
                .endpoint("conformance-grpc", "grpc://127.0.0.1:0", BindingConfig.of("grpc"))
                .endpoint("conformance-jms", "jms:queue:cli.conformance", BindingConfig.of("soap-jms", Map.of(
                        "embedded-data-directory", socket.getParent().resolve("artemis-conformance").toString(),
                        "embedded-acceptor", "tcp://127.0.0.1:" + conformanceBroker,
                        "embedded-user", "conformance-client", "embedded-password", "conformance-secret")))
                .build()) {
            conformance.open();
            String rest = conformance.endpoints().get(0).address().toString();
            String metadata = "http://127.0.0.1:" + conformance.endpoints().get(0).address().getPort();
            String tcp = conformance.endpoints().get(1).address().toString();
            CliProcess text = CliProcess.run("call", tcp, "echo", "--metadata", metadata, "--arg", "text=42");
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(json.readTree(text.out()).asString()).as("a string parameter's value stays text").isEqualTo("42");
            CliProcess sum = CliProcess.run("call", tcp, "add", "--metadata", metadata, "--arg", "a=2", "--arg", "b=40");
            assertThat(sum.exit()).as(sum.err()).isZero();
            assertThat(sum.out().strip()).isEqualTo("42");
            CliProcess payload = CliProcess.run("call", tcp, "echoPayload", "--metadata", metadata, "--json",
                    "{\"payload\":{\"text\":\"n\",\"amount\":12.50,\"tags\":[\"a\",\"b\"]}}");
            assertThat(payload.exit()).as(payload.err()).isZero();
            assertThat(json.readTree(payload.out()).get("amount").decimalValue()).isEqualByComparingTo("12.50");
            CliProcess fault = CliProcess.run("call", tcp, "failDeclared", "--metadata", metadata, "--arg", "code=E42");
            assertThat(fault.exit()).as(fault.err()).isEqualTo(3);
            JsonNode f = json.readTree(fault.out());
            assertThat(f.get("fault").asString()).isEqualTo("ConformanceFault");
            assertThat(f.get("detail").get("code").asString()).isEqualTo("E42");
            // over REST too, mapped by the endpoint's OpenAPI document: a query, a path parameter, a body, a fault
            CliProcess restSum = CliProcess.run("call", rest, "add", "--metadata", metadata, "--arg", "a=2", "--arg", "b=40");
            assertThat(restSum.exit()).as(restSum.err()).isZero();
            assertThat(restSum.out().strip()).isEqualTo("42");
            CliProcess restPath = CliProcess.run("call", rest, "validatePositive", "--metadata", metadata, "--arg", "n=7");
            assertThat(restPath.exit()).as(restPath.err()).isZero();
            assertThat(restPath.out().strip()).isEqualTo("7");
            CliProcess restBody = CliProcess.run("call", rest, "echo", "--metadata", metadata, "--arg", "text=over REST");
            assertThat(restBody.exit()).as(restBody.err()).isZero();
            assertThat(json.readTree(restBody.out()).asString()).isEqualTo("over REST");
            CliProcess restFault = CliProcess.run("call", rest, "failDeclared", "--metadata", metadata, "--arg", "code=R1");
            assertThat(restFault.exit()).as(restFault.err()).isEqualTo(3);
            assertThat(json.readTree(restFault.out()).get("detail").get("code").asString()).isEqualTo("R1");
            // over gRPC, as grpcurl would: the schema from the host's server reflection
            String grpc = conformance.endpoints().get(3).address().toString();
            CliProcess grpcSum = CliProcess.run("call", grpc, "add", "--metadata", metadata, "--arg", "a=2", "--arg", "b=40");
            assertThat(grpcSum.exit()).as(grpcSum.err()).isZero();
            assertThat(grpcSum.out().strip()).isEqualTo("42");
            CliProcess grpcPayload = CliProcess.run("call", grpc, "echoPayload", "--metadata", metadata, "--json",
                    "{\"payload\":{\"text\":\"g\",\"amount\":12.50,\"tags\":[\"a\",\"b\"]}}");
            assertThat(grpcPayload.exit()).as(grpcPayload.err()).isZero();
            JsonNode echoed = json.readTree(grpcPayload.out());
            assertThat(echoed.get("text").asString()).isEqualTo("g");
            assertThat(new java.math.BigDecimal(echoed.get("amount").asString())).isEqualByComparingTo("12.50");
            assertThat(echoed.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
            CliProcess grpcFault = CliProcess.run("call", grpc, "failDeclared", "--metadata", metadata, "--arg", "code=G7");
            assertThat(grpcFault.exit()).as(grpcFault.err()).isEqualTo(3);
            JsonNode gf = json.readTree(grpcFault.out());
            assertThat(gf.get("fault").asString()).isEqualTo("ConformanceFault");
            assertThat(gf.get("detail").get("code").asString()).isEqualTo("G7");
            CliProcess grpcWrong = CliProcess.run("call", grpc, "echoPayload", "--metadata", metadata, "--json",
                    "{\"payload\":{\"colour\":\"red\"}}");
            assertThat(grpcWrong.exit()).isEqualTo(2);
            assertThat(grpcWrong.err()).contains("colour");
            // over SOAP and SOAP/JMS, JAXB reads and writes classes made from the description's data contracts
            String soap = conformance.endpoints().get(2).address().toString();
            CliProcess soapSum = CliProcess.run("call", soap, "add", "--metadata", metadata, "--arg", "a=2", "--arg", "b=40");
            assertThat(soapSum.exit()).as(soapSum.err()).isZero();
            assertThat(soapSum.out().strip()).isEqualTo("42");
            String nested = "{\"payload\":{\"text\":\"s\",\"amount\":12.50,\"count\":3,\"flag\":true,\"tags\":[\"a\",\"b\"],"
                    + "\"child\":{\"text\":\"inner\",\"amount\":0.01,\"tags\":[]}}}";
            for (String address : List.of(soap, conformance.endpoints().get(4).address().toString())) {
                String[] broker = address.startsWith("jms:") ? new String[] {"--broker", "tcp://127.0.0.1:" + conformanceBroker,
                        "--broker-user", "conformance-client", "--broker-password-file", brokerPassword.toString()} : new String[0];
                CliProcess soapPayload = CliProcess.run(concat(new String[] {"call", address, "echoPayload", "--metadata", metadata, "--json", nested}, broker));
                assertThat(soapPayload.exit()).as(address + ": " + soapPayload.err()).isZero();
                JsonNode soapEchoed = json.readTree(soapPayload.out());
                assertThat(soapEchoed.get("text").asString()).as(address).isEqualTo("s");
                assertThat(soapEchoed.get("amount").decimalValue()).as(address).isEqualByComparingTo("12.50");
                assertThat(soapEchoed.get("count").asLong()).as(address).isEqualTo(3);
                assertThat(soapEchoed.get("flag").asBoolean()).as(address).isTrue();
                assertThat(soapEchoed.get("tags").toString()).as(address).isEqualTo("[\"a\",\"b\"]");
                assertThat(soapEchoed.get("child").get("text").asString()).as(address).isEqualTo("inner");
                CliProcess soapFault = CliProcess.run(concat(new String[] {"call", address, "failDeclared", "--metadata", metadata, "--arg", "code=S9"}, broker));
                assertThat(soapFault.exit()).as(address + ": " + soapFault.err()).isEqualTo(3);
                JsonNode sf = json.readTree(soapFault.out());
                assertThat(sf.get("fault").asString()).as(address).isEqualTo("ConformanceFault");
                assertThat(sf.get("detail").get("code").asString()).as(address).isEqualTo("S9");
            }
            CliProcess soapWrong = CliProcess.run("call", soap, "echoPayload", "--metadata", metadata, "--json", "{\"payload\":{\"colour\":\"red\"}}");
            assertThat(soapWrong.exit()).isEqualTo(2);
            assertThat(soapWrong.err()).contains("payload").contains("colour");
            CliProcess elsewhere = CliProcess.run("call", "net.tcp://127.0.0.1:1/other", "echo", "--metadata", metadata);
            assertThat(elsewhere.exit()).isEqualTo(2);
            assertThat(elsewhere.err()).contains("no endpoint at net.tcp://127.0.0.1:1/other");
        }
    }

    @Test
    void aCompletionScript_completesCommandsInBash() throws Exception {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("cliJar", "target/wcf4j-cli.jar")).toAbsolutePath().toString();
        // what bash does on <TAB>: the words so far to the function the script registers for wcf4j
        String script = "source <('" + javaCommand + "' -jar '" + jar + "' generate-completion) 2>/dev/null\n"
                + "complete -p wcf4j >/dev/null || exit 3\n"
                + "COMP_WORDS=(wcf4j ca); COMP_CWORD=1; COMP_LINE='wcf4j ca'; _complete_wcf4j 2>/dev/null; echo \"${COMPREPLY[@]}\"\n"
                + "COMP_WORDS=(wcf4j call --con); COMP_CWORD=2; COMP_LINE='wcf4j call --con'; _complete_wcf4j 2>/dev/null; "
                + "echo \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("call");
        assertThat(lines.get(1).split(" ")).containsExactlyInAnyOrder("--concurrency", "--config", "--contract");
    }

    private static String[] concat(String[] first, String[] then) {
        String[] all = java.util.Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
