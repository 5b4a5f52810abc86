package io.wcf4j.binding.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A gRPC endpoint's messages copied to the host's {@link WireTap}: each request as it was read and each reply or
 * closing status as it is sent, in protobuf's JSON form (the message's fields by name, as grpcurl prints them), since
 * the binary form says nothing to a reader and could not be masked by field name. Headers stay out: they carry
 * credentials. Installed only on an endpoint whose tap is enabled, so that the others pay nothing.
 */
final class GrpcWireTap implements ServerInterceptor {
    private static final ObjectMapper JSON = DataContractMapper.json();
    private final WireTap tap;
    private final EndpointInfo endpoint;
    private final GrpcMessages messages;

    GrpcWireTap(WireTap tap, EndpointInfo endpoint, GrpcMessages messages) {
        this.tap = tap;
        this.endpoint = endpoint;
        this.messages = messages;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String path = "/" + call.getMethodDescriptor().getFullMethodName();
        ContractSchema.OperationSchema operation = messages.schema().method(call.getMethodDescriptor().getBareMethodName());
        ServerCall<Q, R> tapped = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                if (message instanceof byte[] bytes) {
                    // a Connect stream's callback envelopes are left as their length
                    sent("OK " + path, operation == null ? null : operation.response() == null ? JSON.createObjectNode()
                            : messages.tree(bytes, operation.response()), bytes.length);
                }
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!status.isOk()) {
                    ObjectNode body = JSON.createObjectNode().put("code", status.getCode().name()).put("message", status.getDescription());
                    sent(status.getCode() + " " + path, body, -1);
                }
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(tapped, headers)) {
            @Override
            public void onMessage(Q message) {
                JsonNode body = message instanceof Object[] args && operation != null ? messages.arguments(operation.operation(), args)
                        : message instanceof GrpcMessages.Unreadable u ? JSON.createObjectNode().put("unreadable", u.reason())
                        : JSON.valueToTree(message);
                report(WireTap.Direction.RECEIVED, path, body, -1);
                super.onMessage(message);
            }
        };
    }

    private void sent(String kind, JsonNode body, long wireLength) {
        report(tap, endpoint, WireTap.Direction.SENT, kind, () -> body, wireLength);
    }

    private void report(WireTap.Direction direction, String kind, JsonNode body, long wireLength) {
        report(tap, endpoint, direction, kind, () -> body, wireLength);
    }

    /**
     * One message to a tap, a server's or a client's, as protobuf's JSON form of it; the body is made here, so that a
     * message that cannot be shown is reported by its kind and length only: the tap never breaks a call.
     */
    static void report(WireTap tap, EndpointInfo endpoint, WireTap.Direction direction, String kind, Supplier<JsonNode> body,
                       long wireLength) {
        byte[] json = null;
        try {
            JsonNode tree = body.get();
            json = tree == null ? null : JSON.writeValueAsBytes(tree);
        } catch (RuntimeException e) {
            // reported below by its length only
        }
        if (json == null) {
            tap.message(endpoint, direction, kind, null, new byte[0], wireLength);
        } else {
            tap.wholeMessage(endpoint, direction, kind, "application/json", json);
        }
    }
}
