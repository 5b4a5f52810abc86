package io.wcf4j.binding.tcp;

import io.netty.channel.Channel;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CorrelatedCalls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The calls one side of a framed connection starts: a client's REQUEST and ONE_WAY frames, or a service's CALLBACK
 * frames. The correlation, deadlines and failing on a lost connection are core's {@link CorrelatedCalls}; this is
 * the frame part: a call's payload and metadata headers out, a REPLY or FAULT frame (with response metadata
 * headers) back. A one-way call waits for its acknowledgement, an empty REPLY, or its refusal.
 */
final class FramedCalls implements ClientChannel, CorrelatedCalls.Wire<Frame> {
    private final Channel channel;
    private final CorrelatedCalls<Frame> calls;
    private final PayloadCodec codec;
    private final FrameType requestType;
    private final FrameType oneWayType;
    private final int maxFrame;
    private final String peer;
    private final boolean acknowledgesOneWay;

    /**
     * @param calls      the connection's calls of this side (made before the connection, so that an answer arriving
     *                   at once finds them)
     * @param serverSide true for the service's callbacks (even ids, CALLBACK frames)
     * @param maxFrame   the largest frame the peer accepts
     * @param acknowledgesOneWay whether the peer acknowledges one-way calls (protocol version 2 and later)
     */
    FramedCalls(Channel channel, CorrelatedCalls<Frame> calls, PayloadCodec codec, boolean serverSide, int maxFrame, String peer,
                boolean acknowledgesOneWay) {
        this.channel = channel;
        this.calls = calls;
        this.codec = codec;
        this.requestType = serverSide ? FrameType.CALLBACK : FrameType.REQUEST;
        this.oneWayType = serverSide ? FrameType.CALLBACK : FrameType.ONE_WAY;
        this.maxFrame = maxFrame;
        this.peer = peer;
        this.acknowledgesOneWay = acknowledgesOneWay;
    }

    @Override
    public boolean acknowledgesOneWay() {
        return acknowledgesOneWay;
    }

    CorrelatedCalls<Frame> calls() {
        return calls;
    }

    Channel channel() {
        return channel;
    }

    /** A call; once the connection has ended, it fails at once with the reason the connection ended. */
    @Override
    public Object invoke(ClientCall call) throws Exception {
        return calls.call(call, this);
    }

    @Override
    public CompletionStage<?> send(long id, ClientCall call) {
        byte[] payload = codec.encodeCall(call.operation(), call.arguments());
        if (payload.length + FrameDecoder.MIN_LENGTH + 32 > maxFrame) {
            throw new ServiceException(FaultCode.MESSAGE_TOO_LARGE, "message of " + payload.length
                    + " bytes is over the limit of " + maxFrame + " bytes");
        }
        FrameType type = call.operation().oneWay() ? oneWayType : requestType;
        Frame frame = Frame.of(type, id, FrameMetadata.write(call.metadata().build()), payload);
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.writeAndFlush(frame).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(f.cause());
            }
        });
        return written;
    }

    @Override
    public void cancel(long id) {
        if (channel.isActive()) {
            channel.writeAndFlush(Frame.of(FrameType.CANCEL, id, Frame.EMPTY));
        }
    }

    @Override
    public Object read(ClientCall call, Frame answer) throws Exception {
        call.responseMetadata(responseMetadata(answer));
        if (answer.type() == FrameType.FAULT) {
            throw codec.decodeFault(call.operation(), answer.payload());
        }
        return call.operation().oneWay() ? null : codec.decodeValue(call.operation(), answer.payload());
    }

    private static CallMetadata responseMetadata(Frame answer) {
        try {
            return FrameMetadata.read(answer.headers());
        } catch (ServiceException e) {
            return CallMetadata.EMPTY; // a reply is not refused for what it says about itself
        }
    }

    @Override
    public void close() {
        // the connection is its owner's to close
    }

    @Override
    public String toString() {
        return peer;
    }
}
