package io.wcf4j.binding.grpc;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A gRPC client of raw bytes, bypassing wcf4j's client: sends what the test writes, returns the reply's bytes. */
final class RawGrpc implements AutoCloseable {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
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
    };

    private final ManagedChannel channel;

    /** Writes a message's fields, as a test means them, whatever the contract says. */
    interface Writer {
        void write(com.google.protobuf.CodedOutputStream out) throws IOException;
    }

    /** The bytes of a protobuf message that {@code w} writes. */
    static byte[] message(Writer w) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    RawGrpc(String address) {
        this(address, InsecureChannelCredentials.create());
    }

    RawGrpc(String address, ChannelCredentials credentials) {
        URI uri = URI.create(address);
        channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort(), credentials).build();
    }

    /** Calls {@code fullMethodName} with {@code request} as the message; throws the status as StatusRuntimeException. */
    byte[] call(String fullMethodName, byte[] request, Metadata headers) {
        return call(fullMethodName, request, headers, 10_000);
    }

    /** The same with a deadline of {@code deadlineMillis} (0: already expired). */
    byte[] call(String fullMethodName, byte[] request, Metadata headers, long deadlineMillis) {
        return ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method(fullMethodName), CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request);
    }

    /** Starts a unary call and returns its future: cancelling the future cancels the call on the wire. */
    com.google.common.util.concurrent.ListenableFuture<byte[]> start(String fullMethodName, byte[] request) {
        return ClientCalls.futureUnaryCall(channel.newCall(method(fullMethodName), CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
                request);
    }

    /**
     * Opens a duplex contract's {@code Connect} stream on this channel and returns the session id its headers give; the
     * stream stays open (it answers no callbacks) until the channel closes.
     */
    String openSession(String connectMethod) throws Exception {
        MethodDescriptor<byte[], byte[]> connect = method(connectMethod).toBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING).build();
        var call = channel.newCall(connect, CallOptions.DEFAULT);
        var session = new java.util.concurrent.CompletableFuture<String>();
        call.start(new io.grpc.ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
                session.complete(headers.get(GrpcSession.KEY));
            }

            @Override
            public void onClose(io.grpc.Status status, Metadata trailers) {
                session.completeExceptionally(status.asRuntimeException(trailers));
            }
        }, new Metadata());
        call.request(1);
        return session.get(10, TimeUnit.SECONDS);
    }

    /** A unary call that sends two request messages (which no conforming client does). */
    byte[] callWithTwoMessages(String fullMethodName) {
        MethodDescriptor<byte[], byte[]> streaming = method(fullMethodName).toBuilder()
                .setType(MethodDescriptor.MethodType.CLIENT_STREAMING).build();
        var call = channel.newCall(streaming, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        var result = new java.util.concurrent.CompletableFuture<byte[]>();
        call.start(new io.grpc.ClientCall.Listener<>() {
            @Override
            public void onClose(io.grpc.Status status, Metadata trailers) {
                if (status.isOk()) {
                    result.complete(new byte[0]);
                } else {
                    result.completeExceptionally(status.asRuntimeException(trailers));
                }
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(new byte[] {0x0A, 0x03, 'L', 'O', 'W'});
        call.sendMessage(new byte[] {0x0A, 0x03, 'L', 'O', 'W'});
        call.halfClose();
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (StatusRuntimeException) e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodDescriptor<byte[], byte[]> method(String fullMethodName) {
        return MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES)
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethodName).build();
    }

    /** Sends the conformance service's Echo a request whose only field's length runs past the message's end. */
    static void sendUnreadableEcho(String address) {
        sendUnreadableEcho(address, InsecureChannelCredentials.create());
    }

    /** The same over TLS, trusting the CA certificates in {@code trustPem}. */
    static void sendUnreadableEcho(String address, String trustPem) throws IOException {
        sendUnreadableEcho(address, TlsChannelCredentials.newBuilder().trustManager(new java.io.File(trustPem)).build());
    }

    private static void sendUnreadableEcho(String address, ChannelCredentials credentials) {
        try (RawGrpc raw = new RawGrpc(address, credentials)) {
            raw.call("io.wcf4j.conformance.conformance.Conformance/Echo", new byte[] {0x0A, 0x7F, 'x'}, new Metadata());
        } catch (StatusRuntimeException expected) {
            // INVALID_ARGUMENT: the suite checks that the observe phase heard of it
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
