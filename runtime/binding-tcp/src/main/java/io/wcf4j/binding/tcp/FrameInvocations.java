package io.wcf4j.binding.tcp;

import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.PeerIdentity;

/**
 * Invocation building for one connection: a REQUEST or ONE_WAY frame's CBOR payload becomes the operation and its
 * arguments, its headers the call's metadata (read first, by {@link FrameMetadata}), and the connection supplies
 * the rest of the context: the peer the transport verified, the session, the callback channel.
 */
final class FrameInvocations {
    private final ListenContext context;
    private final PayloadCodec codec;
    private final PeerIdentity peer;
    private final ConnectionSession session;

    FrameInvocations(ListenContext context, PayloadCodec codec, PeerIdentity peer, ConnectionSession session) {
        this.context = context;
        this.codec = codec;
        this.peer = peer;
        this.session = session;
    }

    /**
     * The invocation a call frame carries.
     *
     * @throws io.wcf4j.ServiceException INVALID_ARGUMENT or UNKNOWN_OPERATION for a payload that is not a call
     */
    Invocation read(Frame f, CallMetadata metadata) {
        PayloadCodec.Call call = codec.decodeCall(context.contract(), f.payload());
        return new Invocation(call.operation(), call.arguments(), context.newContext().metadata(metadata).peer(peer)
                .session(session).callbacks(session.callbacks()).build());
    }

    PeerIdentity peer() {
        return peer;
    }

    /** The same connection's invocations, from a peer the connection has learnt more about. */
    FrameInvocations withPeer(PeerIdentity verified) {
        return new FrameInvocations(context, codec, verified, session);
    }
}
