package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.grpc.mapping.MappingService;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.HostResources;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What grpcurl and load balancers use: server reflection lists the contracts served on a port and describes them
 * with the same .proto that is published, and the standard health service reports each one, for two contracts
 * sharing one port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReflectionAndHealthTest {
    private final HostResources resources = new HostResources();
    private ServiceHost mapping;
    private ServiceHost conformance;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String address = "grpc://127.0.0.1:" + port;
        mapping = ServiceHost.builder(MappingService.class).name("mapping").implementation(new HostileGrpcTest.EchoingMapping())
                .resources(resources).endpoint(null, address, BindingConfig.of("grpc", Map.of())).build();
        mapping.open();
        conformance = ServiceHost.builder(ConformanceService.class).name("conformance").implementation(new ConformanceServiceImpl())
                .endpoint(null, address, BindingConfig.of("grpc", Map.of())).resources(resources).build();
        conformance.open();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", URI.create(address).getPort()).usePlaintext().build();
    }

    @AfterAll
    void stop() {
        channel.shutdownNow();
        conformance.close(Duration.ofSeconds(5));
        mapping.close(Duration.ofSeconds(5));
        resources.close();
    }

    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
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
        requests.onNext(request);
        requests.onCompleted();
        return reply.get(10, TimeUnit.SECONDS);
    }

    @Test
    void reflectionListsBothContracts_andTheStandardServices() throws Exception {
        List<String> names = reflect(ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
        assertThat(names).contains("io.wcf4j.binding.grpc.mapping.mapping.Mapping", "io.wcf4j.conformance.conformance.Conformance",
                "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void reflectionDescribesAContractWithThePublishedFile() throws Exception {
        ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("io.wcf4j.binding.grpc.mapping.mapping.Mapping").build());
        List<FileDescriptorProto> files = r.getFileDescriptorResponse().getFileDescriptorProtoList().stream().map(b -> {
            try {
                return FileDescriptorProto.parseFrom(b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        FileDescriptorProto own = files.stream().filter(f -> f.getName().endsWith("Mapping.proto")).findFirst().orElseThrow();
        assertThat(own.getService(0).getMethodList()).extracting(m -> m.getName())
                .containsExactly("CountWords", "Echo", "Levels", "Nothing", "Notify", "Transfer");
        assertThat(files).extracting(FileDescriptorProto::getName).contains("google/protobuf/timestamp.proto");
    }

    @Test
    void healthReportsEachContractServing() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        for (String service : List.of("io.wcf4j.binding.grpc.mapping.mapping.Mapping", "io.wcf4j.conformance.conformance.Conformance")) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                    .as(service).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
                .as("the server as a whole").isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
}
