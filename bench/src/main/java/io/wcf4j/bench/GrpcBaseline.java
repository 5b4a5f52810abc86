package io.wcf4j.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
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
 * {@code GrpcBaseline <port> <transport>}; the first 4 bytes of a request say how long the reply is.
 *
 * <p>Two transports, each on both sides: {@link Transport#SHADED} ({@code grpc-netty-shaded}, the binding's) and
 * {@link Transport#NETTY} ({@code grpc-netty} on the project's own Netty 4.2), to measure which the binding should use.
 */
public final class GrpcBaseline {
    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Call"))
            .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();

    /** grpc-java's HTTP/2 transport: its own shaded copy of Netty, or the Netty the project runs on. */
    enum Transport {
        SHADED("gRPC-java unary"),
        NETTY("gRPC-java unary, grpc-netty on Netty " + io.netty.util.Version.identify().get("netty-common").artifactVersion());

        /** The target's name in the report. */
        final String target;

        Transport(String target) {
            this.target = target;
        }

        io.grpc.ServerBuilder<?> server(int port) {
            return this == SHADED ? io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forPort(port)
                    : io.grpc.netty.NettyServerBuilder.forPort(port);
        }

        ManagedChannel channel(int port) {
            return (this == SHADED ? io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port)
                    : io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port)).usePlaintext().build();
        }
    }

    public static void main(String[] args) throws Exception {
        Server server = Transport.valueOf(args[1]).server(Integer.parseInt(args[0]))
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

        Client(Transport transport, int port, int requestBytes, int replyBytes) {
            channel = transport.channel(port);
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
