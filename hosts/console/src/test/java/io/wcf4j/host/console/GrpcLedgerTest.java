package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.TransferRequest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger over gRPC: the .proto the host publishes is the one checked in under contracts/ (so clients in other
 * languages can generate from it; {@code -Dwcf4j.contracts.write=true} rewrites it), and grpc-js, loading that file
 * and nothing else, opens accounts, transfers, gets a declared fault with its typed detail, and a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcLedgerTest {
    private static final Path PUBLISHED = Path.of("../../contracts/src/main/resources/proto/ledger.proto").toAbsolutePath().normalize();

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

    private String served() {
        HttpResponse<String> r = host.get("/metadata/ledger.proto");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void checkedInProtoIsWhatTheHostPublishes() throws Exception {
        String served = served();
        if (Boolean.getBoolean("wcf4j.contracts.write")) {
            Files.createDirectories(PUBLISHED.getParent());
            Files.writeString(PUBLISHED, served, StandardCharsets.UTF_8);
        }
        assertThat(served).as("%s is out of date: rerun this test with -Dwcf4j.contracts.write=true and commit it", PUBLISHED)
                .isEqualTo(Files.readString(PUBLISHED, StandardCharsets.UTF_8));
        assertThat(served).contains("service Ledger {", "rpc Transfer(LedgerTransferRequest) returns (TransferResponse);",
                "optional string balance = 3;  // decimal");
        assertThat(host.get("/metadata/no-such.proto").statusCode()).isEqualTo(404);
    }

    @Test
    void aTypedProxyOverGrpc_getsResultsAndDeclaredFaults() throws Exception {
        Account a = clients.grpc().openAccount("grpc proxy", new BigDecimal("20.00"));
        Account b = clients.grpc().openAccount("grpc proxy 2", new BigDecimal("0.00"));
        assertThat(clients.tcp().getAccount(a.getId())).as("the same ledger on every binding").isEqualTo(a);
        InsufficientFundsException e = catchThrowableOfType(InsufficientFundsException.class, () -> clients.grpc().transfer(
                new TransferRequest(UUID.randomUUID().toString(), b.getId(), a.getId(), new BigDecimal("5.00"))));
        assertThat(e).isNotNull();
        assertThat(e.getFaultInfo().getAccountId()).isEqualTo(b.getId());
        assertThat(e.getFaultInfo().getRequested()).isEqualByComparingTo("5.00");
    }

    @Test
    void grpcJs_callsTheLedgerFromThePublishedProto() throws Exception {
        Path dir = NodeProjects.grpc();
        Path proto = dir.resolve("ledger.proto");
        Files.writeString(proto, served(), StandardCharsets.UTF_8);
        String out = NodeProjects.run(dir, Map.of("WCF4J_AUTHORIZATION", DemoUsers.basic(DemoUsers.TELLER)),
                "node", "ledger-client.mjs", "127.0.0.1:" + host.grpcPort, proto.toString());
        JsonNode seen = new ObjectMapper().readTree(out.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(seen.at("/opened/owner").asText()).isEqualTo("grpc-js");
        assertThat(seen.at("/opened/balance").asText()).as("money as decimal text, scale kept").isEqualTo("100.00");
        assertThat(seen.at("/fetched/id").asText()).isEqualTo(seen.at("/opened/id").asText());
        assertThat(new BigDecimal(seen.at("/receipt/fromBalance").asText())).isEqualByComparingTo("89.75");
        assertThat(seen.at("/fault/code").asInt()).as("InsufficientFunds is a 409: ABORTED").isEqualTo(10);
        JsonNode details = seen.at("/fault/status/details");
        assertThat(details.get(0).at("/type").asText()).isEqualTo("google.rpc.ErrorInfo");
        assertThat(details.get(0).at("/value/reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(details.get(0).at("/value/domain").asText()).isEqualTo("wcf4j.io");
        assertThat(details.get(1).at("/type").asText()).isEqualTo("io.wcf4j.sample.ledger.InsufficientFunds");
        assertThat(new BigDecimal(details.get(1).at("/value/requested").asText())).isEqualByComparingTo("999.00");
        assertThat(seen.at("/deadline/code").asInt()).as("DEADLINE_EXCEEDED").isEqualTo(4);
    }
}
