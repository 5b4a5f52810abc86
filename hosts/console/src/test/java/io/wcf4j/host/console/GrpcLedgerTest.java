package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.LedgerNotifications;
import io.wcf4j.sample.ledger.TransferRequest;
import io.wcf4j.sample.ledger.service.LedgerNotificationService;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The ledger over gRPC: the .proto the host publishes is the one checked in under contracts/ (so clients in other
 * languages can generate from it; {@code -Dwcf4j.contracts.write=true} rewrites it), and grpc-js, loading that file
 * and nothing else, opens accounts, transfers, gets a declared fault with its typed detail, and a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcLedgerTest {
    private static final Path PUBLISHED = Path.of("../../contracts/src/main/resources/proto").toAbsolutePath().normalize();

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

    private String served(String service) {
        HttpResponse<String> r = host.get("/metadata/" + service + ".proto");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void checkedInProtosAreWhatTheHostPublishes() throws Exception {
        for (String service : new String[] {"ledger", "ledger-events"}) {
            String served = served(service);
            Path published = PUBLISHED.resolve(service + ".proto");
            if (Boolean.getBoolean("wcf4j.contracts.write")) {
                Files.createDirectories(PUBLISHED);
                Files.writeString(published, served, StandardCharsets.UTF_8);
            }
            assertThat(served).as("%s is out of date: rerun this test with -Dwcf4j.contracts.write=true and commit it", published)
                    .isEqualTo(Files.readString(published, StandardCharsets.UTF_8));
        }
        assertThat(served("ledger-events")).contains("rpc Connect(stream LedgerNotificationsCallbackReply) returns "
                + "(stream LedgerNotificationsCallback);", "oneof call {");
        String served = served("ledger");
        assertThat(served).contains("service Ledger {", "rpc Transfer(LedgerTransferRequest) returns (TransferResponse);",
                "optional string balance = 3;  // decimal");
        assertThat(host.get("/metadata/no-such.proto").statusCode()).isEqualTo(404);
    }

    /** What {@code grpcurl list} and {@code grpcurl describe} ask: the host's port serves two contracts of one package. */
    @Test
    void reflectionDescribesBothContractsOfThePort() throws Exception {
        ManagedChannel channel = NettyChannelBuilder
                .forAddress("127.0.0.1", host.grpcPort).usePlaintext().build();
        try {
            List<String> services = new ArrayList<>();
            for (String symbol : new String[] {"io.wcf4j.sample.ledger.ledger.Ledger", "io.wcf4j.sample.ledger.ledger_notifications.LedgerNotifications"}) {
                CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
                var requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                        new StreamObserver<>() {
                            @Override
                            public void onNext(ServerReflectionResponse value) {
                                reply.complete(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                reply.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {
                            }
                        });
                requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
                requests.onCompleted();
                ServerReflectionResponse r = reply.get(10, TimeUnit.SECONDS);
                assertThat(r.hasErrorResponse()).as("%s: %s", symbol, r.getErrorResponse().getErrorMessage()).isFalse();
                services.add(FileDescriptorProto.parseFrom(
                        r.getFileDescriptorResponse().getFileDescriptorProto(0)).getService(0).getName());
            }
            assertThat(services).containsExactly("Ledger", "LedgerNotifications");
        } finally {
            channel.shutdownNow();
        }
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
    void aSubscriberOverGrpc_hearsEveryBalanceChangeOnItsCallbackStream_andIsForgottenWhenItCloses() throws Exception {
        Account watched = clients.rest().openAccount("watched over grpc", new BigDecimal("50.00"));
        Account other = clients.rest().openAccount("other", new BigDecimal("50.00"));
        LedgerNotificationService notifications = host.context.getBean(LedgerNotificationService.class);
        FramedLedgerTest.Recorder recorder = new FramedLedgerTest.Recorder();
        try (ChannelFactory<LedgerNotifications> f = ChannelFactory.builder(LedgerNotifications.class)
                .address("grpc://127.0.0.1:" + host.grpcPort).binding(BindingConfig.of("grpc")).callback(recorder)
                .behavior(DemoUsers.credentials(DemoUsers.AUDITOR)).build()) {
            f.createChannel().subscribe(watched.getId());
            for (int i = 0; i < 10; i++) {
                Ledger l = i % 2 == 0 ? clients.grpc() : clients.tcp();
                l.transfer(new TransferRequest(UUID.randomUUID().toString(), other.getId(), watched.getId(), new BigDecimal("1.00")));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recorder.changes.size() < 10 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(recorder.changes).hasSize(10).extracting(c -> c.getBalance().toPlainString())
                    .containsExactly("51.00", "52.00", "53.00", "54.00", "55.00", "56.00", "57.00", "58.00", "59.00", "60.00");
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (notifications.subscriberCount(watched.getId()) > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(notifications.subscriberCount(watched.getId())).as("forgotten when its session ended").isZero();
    }

    @Test
    void grpcJs_callsTheLedgerFromThePublishedProto() throws Exception {
        Path dir = NodeProjects.grpc();
        Path proto = dir.resolve("ledger.proto");
        Files.writeString(proto, served("ledger"), StandardCharsets.UTF_8);
        String out = NodeProjects.run(dir, Map.of("WCF4J_AUTHORIZATION", DemoUsers.basic(DemoUsers.TELLER)),
                "node", "ledger-client.mjs", "127.0.0.1:" + host.grpcPort, proto.toString());
        JsonNode seen = new ObjectMapper().readTree(out.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(seen.at("/opened/owner").asString()).isEqualTo("grpc-js");
        assertThat(seen.at("/opened/balance").asString()).as("money as decimal text, scale kept").isEqualTo("100.00");
        assertThat(seen.at("/fetched/id").asString()).isEqualTo(seen.at("/opened/id").asString());
        assertThat(new BigDecimal(seen.at("/receipt/fromBalance").asString())).isEqualByComparingTo("89.75");
        assertThat(seen.at("/fault/code").asInt()).as("InsufficientFunds is a 409: ABORTED").isEqualTo(10);
        JsonNode details = seen.at("/fault/status/details");
        assertThat(details.get(0).at("/type").asString()).isEqualTo("google.rpc.ErrorInfo");
        assertThat(details.get(0).at("/value/reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(details.get(0).at("/value/domain").asString()).isEqualTo("wcf4j.io");
        assertThat(details.get(1).at("/type").asString()).isEqualTo("io.wcf4j.sample.ledger.ledger.InsufficientFunds");
        assertThat(new BigDecimal(details.get(1).at("/value/requested").asString())).isEqualByComparingTo("999.00");
        assertThat(seen.at("/deadline/code").asInt()).as("DEADLINE_EXCEEDED").isEqualTo(4);
    }

    /**
     * What grpcurl does, by an independent client (grpc-js and protobufjs, no .proto file): list the services, describe
     * the ledger from the file descriptors reflection serves (and those they import), and call a method with the types
     * it built from them. grpcurl itself is not packaged for this machine's Debian.
     */
    @Test
    void anIndependentReflectionClient_listsDescribesAndCalls_withoutAProtoFile() throws Exception {
        String out = NodeProjects.run(NodeProjects.grpc(), Map.of("WCF4J_AUTHORIZATION", DemoUsers.basic(DemoUsers.TELLER)),
                "node", "reflection-client.mjs", "127.0.0.1:" + host.grpcPort);
        JsonNode seen = new ObjectMapper().readTree(out.lines().reduce((first, last) -> last).orElseThrow());
        assertThat(seen.get("services")).extracting(JsonNode::asText).contains("io.wcf4j.sample.ledger.ledger.Ledger",
                "io.wcf4j.sample.ledger.ledger_notifications.LedgerNotifications", "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection");
        assertThat(seen.get("files")).extracting(JsonNode::asText).contains("google/protobuf/empty.proto");
        assertThat(seen.get("methods")).extracting(JsonNode::asText).contains("GetAccount", "OpenAccount", "Transfer", "SubmitTransfer");
        assertThat(seen.get("accountFields")).extracting(JsonNode::asText).contains("1 int64 id", "3 string balance");
        assertThat(seen.at("/opened/result/owner").asString()).isEqualTo("reflected");
        assertThat(seen.at("/opened/result/balance").asString()).isEqualTo("5.00");
    }
}
