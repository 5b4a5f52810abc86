package io.wcf4j.clients.cli;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A gRPC call without the contract's classes, as grpcurl makes one: the service's schema from the host's server
 * reflection (wcf4j's gRPC endpoints serve it), the request built from JSON with protobuf's own JSON mapping into a
 * {@link DynamicMessage}, the reply and a declared fault's detail printed the same way. Nothing of the contract is
 * guessed: a field the schema does not have is refused by the parser, naming it.
 */
final class GrpcReflectionCall implements AutoCloseable {
    private final ManagedChannel channel;
    private final Duration timeout;
    private final Map<String, Descriptors.FileDescriptor> files = new HashMap<>();

    /**
     * @param ca the CA certificates to trust for TLS (PEM), or null for a plain-text channel unless {@code tls}
     */
    GrpcReflectionCall(String host, int port, boolean tls, Path ca, Duration timeout) throws IOException {
        ChannelCredentials credentials = !tls && ca == null ? InsecureChannelCredentials.create()
                : ca == null ? TlsChannelCredentials.create() : TlsChannelCredentials.newBuilder().trustManager(ca.toFile()).build();
        this.channel = Grpc.newChannelBuilderForAddress(host, port, credentials).build();
        this.timeout = timeout;
    }

    /**
     * What came back: the reply message's JSON, or a declared fault (its name and its detail's JSON), or an error
     * status with wcf4j's code for it ({@code reason}, e.g. {@code UNAUTHENTICATED}) when the host gave one.
     */
    record Answer(String json, String fault, String faultDetailJson, io.grpc.Status status, String reason) {
    }

    /**
     * Calls the contract operation {@code operation} (its gRPC method is the name in upper camel case) of the
     * service whose name ends with {@code "." + contractName}, with {@code argumentsJson} (the request message's
     * fields: the operation's parameters by name), presenting {@code authorization} when not null.
     */
    Answer call(String contractName, String operation, String argumentsJson, String authorization) throws Exception {
        Descriptors.ServiceDescriptor service = service(contractName);
        Descriptors.MethodDescriptor method = service.getMethods().stream()
                .filter(m -> m.getName().equalsIgnoreCase(operation)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation '" + operation + "'; " + service.getFullName()
                        + " has " + service.getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList()));
        DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
        JsonFormat.parser().merge(argumentsJson, request);
        MethodDescriptor<DynamicMessage, DynamicMessage> rpc = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        }
        JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(typeRegistry()).includingDefaultValueFields();
        try {
            DynamicMessage reply = ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    rpc, CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS), request.build());
            return new Answer(printer.print(reply), null, null, io.grpc.Status.OK, null);
        } catch (StatusRuntimeException e) {
            com.google.rpc.Status details = StatusProto.fromThrowable(e);
            String fault = null;
            String reason = null;
            String detail = null;
            if (details != null) {
                for (Any any : details.getDetailsList()) {
                    if (any.is(ErrorInfo.class)) {
                        ErrorInfo info = any.unpack(ErrorInfo.class);
                        fault = info.getMetadataMap().get("fault");
                        reason = info.getReason();
                    } else {
                        detail = printer.print(any);
                    }
                }
            }
            return new Answer(null, fault, detail, e.getStatus(), reason);
        }
    }

    /** The service of this contract, its .proto and the files it imports built from the reflection's answers. */
    private Descriptors.ServiceDescriptor service(String contractName) throws Exception {
        List<String> services = new ArrayList<>();
        for (ServerReflectionResponse r : ask(ServerReflectionRequest.newBuilder().setListServices("").build())) {
            r.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
        }
        String name = services.stream().filter(s -> s.endsWith("." + contractName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no gRPC service of contract " + contractName + " at this address; "
                        + "it serves " + services));
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        for (ServerReflectionResponse r : ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(name).build())) {
            if (r.hasErrorResponse()) {
                throw new IllegalStateException("the server's reflection: " + r.getErrorResponse().getErrorMessage());
            }
            for (com.google.protobuf.ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
                protos.put(p.getName(), p);
            }
        }
        for (FileDescriptorProto p : protos.values()) {
            build(p, protos);
        }
        for (Descriptors.FileDescriptor f : files.values()) {
            Descriptors.ServiceDescriptor s = f.getPackage().isEmpty() ? f.findServiceByName(name)
                    : name.startsWith(f.getPackage() + ".") ? f.findServiceByName(name.substring(f.getPackage().length() + 1)) : null;
            if (s != null) {
                return s;
            }
        }
        throw new IllegalStateException("the server's reflection did not describe " + name);
    }

    private Descriptors.FileDescriptor build(FileDescriptorProto proto, Map<String, FileDescriptorProto> protos)
            throws Descriptors.DescriptorValidationException {
        Descriptors.FileDescriptor done = files.get(proto.getName());
        if (done != null) {
            return done;
        }
        List<Descriptors.FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            FileDescriptorProto d = protos.get(dependency);
            if (d != null) {
                dependencies.add(build(d, protos));
            } else if (dependency.equals("google/protobuf/empty.proto")) {
                dependencies.add(com.google.protobuf.Empty.getDescriptor().getFile());
            }
        }
        Descriptors.FileDescriptor built = Descriptors.FileDescriptor.buildFrom(proto, dependencies.toArray(new Descriptors.FileDescriptor[0]));
        files.put(proto.getName(), built);
        return built;
    }

    private JsonFormat.TypeRegistry typeRegistry() {
        JsonFormat.TypeRegistry.Builder b = JsonFormat.TypeRegistry.newBuilder();
        files.values().forEach(f -> b.add(f.getMessageTypes()));
        return b.build();
    }

    private List<ServerReflectionResponse> ask(ServerReflectionRequest request) throws Exception {
        CompletableFuture<List<ServerReflectionResponse>> done = new CompletableFuture<>();
        List<ServerReflectionResponse> answers = new ArrayList<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(answers);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        try {
            return done.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the server's reflection did not answer within " + timeout.toMillis() + " ms");
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
