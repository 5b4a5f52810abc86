package io.wcf4j.binding.tcp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's frames copied to a {@link WireTap} (a host's, or a client's own): each call, one-way, callback and answer, as its
 * type, correlation id and CBOR payload (a call's arguments named; the first {@link WireTap#maxBytes()} kept). Frame
 * headers stay out: they may carry credentials. Pings and the connection's own bookkeeping frames are not messages
 * and are left out too.
 */
@ChannelHandler.Sharable
final class FrameTap extends ChannelDuplexHandler {
    static final String NAME = "wiretap";
    private static final ObjectMapper CBOR = DataContractMapper.cbor();
    private final WireTap tap;
    private final EndpointInfo endpoint;
    private final ContractDescription contract;

    FrameTap(WireTap tap, EndpointInfo endpoint, ContractDescription contract) {
        this.tap = tap;
        this.endpoint = endpoint;
        this.contract = contract;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Frame f) {
            report(WireTap.Direction.RECEIVED, f);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Frame f) {
            report(WireTap.Direction.SENT, f);
        }
        super.write(ctx, msg, promise);
    }

    private void report(WireTap.Direction direction, Frame f) {
        FrameType type = f.type();
        if (type == null || type == FrameType.PING || type == FrameType.PREAMBLE_ACK || type == FrameType.CLOSE
                || type == FrameType.CREDENTIALS) {
            return;
        }
        byte[] whole = type == FrameType.REQUEST || type == FrameType.ONE_WAY || type == FrameType.CALLBACK
                ? named(type == FrameType.CALLBACK ? contract.callbackContract() : contract, f.payload()) : f.payload();
        tap.wholeMessage(endpoint, direction, type + (f.isResponse() ? " response " : " ") + f.correlationId(),
                "application/cbor", whole);
    }

    /**
     * A call's payload as the log shows it: the positional {@code [operation, arg0, …]} of the wire becomes
     * {@code {"operation": …, "arguments": {name: value}}}, so that the log can mask arguments by their names as it
     * does on every other wire. Unreadable payloads stay as they are.
     */
    private static byte[] named(ContractDescription contract, byte[] payload) {
        if (contract == null) {
            return payload;
        }
        try {
            JsonNode call = CBOR.readTree(payload);
            if (!(call instanceof ArrayNode array) || array.isEmpty() || !array.get(0).isString()) {
                return payload;
            }
            OperationDescription op = contract.operation(array.get(0).asString()).orElse(null);
            if (op == null || op.parameters().size() != array.size() - 1) {
                return payload;
            }
            ObjectNode named = CBOR.createObjectNode();
            named.put("operation", op.name());
            ObjectNode arguments = named.putObject("arguments");
            for (ParameterDescription p : op.parameters()) {
                arguments.set(p.name(), array.get(p.index() + 1));
            }
            return CBOR.writeValueAsBytes(named);
        } catch (RuntimeException e) {
            return payload;
        }
    }
}
