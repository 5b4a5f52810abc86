package io.wcf4j.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The gRPC-java baseline: a unary call whose request and reply are as many bytes as net.tcp moves for
 * {@code getAccount}, with no code generation (a byte-array marshaller). The server runs in its own JVM:
 * {@code GrpcBaseline <port>}; the first 4 bytes of a request say how long the reply is.
 */
public final class GrpcBaseline {
    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Call"))
            .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();

    public static void main(String[] args) throws Exception {
        Server server = ServerBuilder.forPort(Integer.parseInt(args[0]))
                .addService(ServerServiceDefinition.builder("bench.Echo")
                        .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
                            reply.onNext(new byte[ByteBuffer.wrap(request).getInt()]);
                            reply.onCompleted();
                        })).build())
                .build().start();
        System.out.println("grpc ready");
        System.out.flush();
        server.awaitTermination();
    }

    /** A client of the baseline: one channel, shared by every caller, as a gRPC user would. */
    static final class Client implements AutoCloseable {
        private final ManagedChannel channel;
        private final byte[] request;

        Client(int port, int requestBytes, int replyBytes) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            request = new byte[requestBytes];
            ByteBuffer.wrap(request).putInt(replyBytes);
        }

        byte[] call() {
            return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, request);
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
