package io.wcf4j.binding.grpc;

import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.ObjectMapper;

/**
 * The client half: one HTTP/2 connection (a grpc-java {@link ManagedChannel}, which reconnects by itself) that
 * carries every call of the proxies made from it. A call's metadata goes as gRPC headers, its deadline as gRPC's
 * deadline; a failure comes back as the declared fault or a {@link ServiceException} ({@link GrpcStatuses}).
 */
final class GrpcClientChannel implements ClientChannel {
    private static final ObjectMapper JSON = DataContractMapper.json();
    private final ManagedChannel channel;
    private final GrpcMessages messages;
    /** A duplex client's session, opened with its first call; null when it serves no callbacks. */
    private final CallbackSession callbacks;
    /** The client's wire tap, or null: it gets each request and reply in protobuf's JSON form, as grpcurl shows them. */
    private final WireTap tap;
    private final EndpointInfo endpoint;

    GrpcClientChannel(ChannelContext context) {
        this.messages = new GrpcMessages(context.contract());
        this.tap = context.wireTap();
        this.endpoint = context.calledEndpoint();
        int limit = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).toIntBytes();
        String where = "client of " + context.address();
        this.channel = NettyChannelBuilder.forAddress(context.address().host(), context.address().port(),
                        GrpcTls.client(context.settings(), where))
                .maxInboundMessageSize(limit)
                .maxInboundMetadataSize(context.settings().get(GrpcBinding.MAX_HEADER_LIST_SIZE).toIntBytes())
                // replies are parsed and handed over on the transport's thread; nothing here blocks it
                .directExecutor()
                .build();
        this.callbacks = context.contract().callbackContract() != null && context.callbackDispatcher() != null
                ? new CallbackSession(context, channel, messages) : null;
    }

    @Override
    public Object invoke(ClientCall call) throws Exception {
        byte[] request = messages.writeArguments(call.operation(), call.arguments());
        CallOptions options = CallOptions.DEFAULT;
        Instant deadline = call.deadline();
        if (deadline != null) {
            options = options.withDeadline(Deadline.after(Deadlines.remainingMillis(deadline), TimeUnit.MILLISECONDS));
        }
        Metadata headers = GrpcStatuses.toMetadata(call.metadata().build());
        if (callbacks != null) {
            headers.put(GrpcSession.KEY, callbacks.open(deadline));
        }
        io.grpc.MethodDescriptor<Object, Object> method = messages.method(call.operation());
        String path = "/" + method.getFullMethodName();
        if (tap != null) {
            GrpcWireTap.report(tap, endpoint, WireTap.Direction.SENT, "POST " + path,
                    () -> messages.arguments(call.operation(), call.arguments()), -1);
        }
        io.grpc.ClientCall<Object, Object> grpcCall = channel.newCall(method, options);
        UnaryReply reply = new UnaryReply();
        grpcCall.start(reply, headers);
        grpcCall.request(1);
        grpcCall.sendMessage(request);
        grpcCall.halfClose();
        UnaryReply.Result result;
        try {
            // gRPC enforces the deadline; this bound only guards against a reply that never comes without one
            result = deadline == null ? reply.future.get() : reply.future.get(
                    Deadlines.remainingMillis(deadline) + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // an interrupted caller gave up: the service hears of it (a RST_STREAM), and may stop its work
            grpcCall.cancel("the caller was interrupted", null);
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.CANCELLED, "cancelled: interrupted while waiting for the reply", e);
        } catch (TimeoutException e) {
            grpcCall.cancel("the caller's deadline passed", null);
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply before the call's deadline");
        } catch (ExecutionException e) {
            throw new ServiceException(FaultCode.INTERNAL, "the call failed", e.getCause());
        }
        if (tap != null) {
            GrpcWireTap.report(tap, endpoint, WireTap.Direction.RECEIVED, result.status().getCode() + " " + path,
                    () -> result.status().isOk() ? JSON.valueToTree(result.message() instanceof GrpcMessages.Unreadable u ? Map.of("unreadable", u.reason())
                            : Collections.singletonMap("result", result.message()))
                    : JSON.createObjectNode().put("code", result.status().getCode().name())
                            .put("message", result.status().getDescription()), -1);
        }
        call.responseMetadata(GrpcStatuses.metadataOf(result.headers(), result.trailers()));
        if (!result.status().isOk()) {
            throw GrpcStatuses.toException(result.status(), result.trailers(), call.operation(), messages);
        }
        if (result.message() instanceof GrpcMessages.Unreadable unreadable) {
            throw new ServiceException(FaultCode.INTERNAL, unreadable.reason());
        }
        return result.message();
    }

    /** Collects a unary call's headers, message and closing status. */
    private static final class UnaryReply extends io.grpc.ClientCall.Listener<Object> {
        record Result(Metadata headers, Object message, Status status, Metadata trailers) {
        }

        final CompletableFuture<Result> future = new CompletableFuture<>();
        private volatile Metadata headers;
        private volatile Object message;

        @Override
        public void onHeaders(Metadata headers) {
            this.headers = headers;
        }

        @Override
        public void onMessage(Object message) {
            this.message = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            future.complete(new Result(headers, message, status, trailers));
        }
    }

    @Override
    public void close() {
        if (callbacks != null) {
            callbacks.close();
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
