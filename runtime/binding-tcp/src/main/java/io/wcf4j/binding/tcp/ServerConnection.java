package io.wcf4j.binding.tcp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.Identity;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.CallbackChannel;
import io.wcf4j.spi.CorrelatedCalls;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty handler of one server connection: routes what the decoders produce. The preamble goes to the
 * {@link Handshake}; REQUEST and ONE_WAY frames to the {@link CallAdmission}, then, on a worker, through
 * {@link FrameInvocations} to the Dispatcher, and their outcome back as {@link ReplyFrames} (a one-way call is
 * answered once accepted); REPLY and FAULT frames to the callbacks the service made; PING, METADATA, CANCEL and
 * CLOSE it answers itself. Whatever it refuses before dispatch it answers with a FAULT and reports to the
 * Dispatcher. A protocol error closes the connection, with a FAULT first when the peer can still read one.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final Transport transport;
    private final Handshake handshake;
    private final PayloadCodec codec = new PayloadCodec();
    private volatile ChannelHandlerContext ctx;
    private volatile FramedEndpoint endpoint;
    private volatile ListenContext context;
    private volatile ConnectionSession session;
    private volatile CallAdmission admission;
    private volatile FrameInvocations invocations;
    private volatile boolean broken;
    /** Whether the client acknowledges one-way callbacks and expects its one-way calls acknowledged (version 2). */
    private volatile boolean acknowledgesOneWay;
    /** Where the connection's credentials exchange stands; only the event loop changes it. */
    private volatile Credentials credentials = Credentials.NOT_SENT;

    private enum Credentials { NOT_SENT, CHECKING, VERIFIED, TOO_LATE }

    /** The endpoint that counts this connection among its open ones (its preamble named it), or null. */
    private FramedEndpoint admittedTo;

    ServerConnection(FramedServer server, Transport transport, Duration handshakeTimeout) {
        this.transport = transport;
        this.handshake = new Handshake(server, handshakeTimeout);
    }

    private String name() {
        return context != null ? context.endpointName() : "net.tcp/pipe";
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        handshake.start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (broken) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Preamble p) {
            onPreamble(p);
        } else if (msg instanceof FrameDecoder.Oversized o) {
            log.warn("{}: refused a {}-byte frame from {} (limit {})", name(), o.length(),
                    ctx.channel().remoteAddress(), o.limit());
            refuse(o.correlationId(), null, CallMetadata.EMPTY, FaultCode.MESSAGE_TOO_LARGE, "message of " + o.length()
                    + " bytes is over the limit of " + o.limit() + " bytes");
        } else if (msg instanceof Frame f) {
            onFrame(f);
        } else {
            // nothing else is expected here; a buffer must still be released
            ReferenceCountUtil.release(msg);
        }
    }

    private void onPreamble(Preamble p) {
        FramedEndpoint ep = handshake.endpointFor(p);
        admittedTo = ep;
        acknowledgesOneWay = p.version() >= 2;
        PeerIdentity peer = withCertificates(transport.peer(ctx.channel()), ctx.channel());
        String id = ep.bindingType + "-" + ctx.channel().id().asShortText();
        FramedCalls callbackCalls = null;
        CallbackChannel callbacks = null;
        if (ep.context.contract().callbackContract() != null) {
            callbackCalls = new FramedCalls(ctx.channel(), new CorrelatedCalls<>(true), codec, true, ep.maxFrame,
                    "caller " + peer.remoteAddress(), acknowledgesOneWay);
            callbacks = ep.context.callbackChannel(callbackCalls);
        }
        ConnectionSession s = new ConnectionSession(id, ctx.channel(), callbackCalls, callbacks);
        this.admission = new CallAdmission(ctx, ep, () -> broken);
        this.invocations = new FrameInvocations(ep.context, codec, peer, s);
        this.session = s;
        this.context = ep.context;
        this.endpoint = ep;
        ep.connections.add(ctx.channel());
        ep.traffic.attach(ctx.channel());
        if (ep.tap != null) {
            ctx.pipeline().addBefore(ctx.name(), FrameTap.NAME, new FrameTap(ep.tap, ep.context.endpoint(), ep.context.contract()));
        }
        handshake.switchToFrames(ctx, ep, overdue -> exceptionCaught(ctx, overdue));
    }

    /** The peer with the certificate chain it proved in the TLS handshake (done before the preamble), if any. */
    private static PeerIdentity withCertificates(PeerIdentity peer, io.netty.channel.Channel channel) {
        io.netty.handler.ssl.SslHandler tls = channel.pipeline().get(io.netty.handler.ssl.SslHandler.class);
        return tls == null ? peer : peer.withCertificatesOf(tls.engine().getSession());
    }

    private void onFrame(Frame f) {
        if (endpoint == null) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "a frame before the preamble was acknowledged");
        }
        FrameType type = f.type();
        if (type == null) {
            refuse(f.correlationId(), null, CallMetadata.EMPTY, FaultCode.INVALID_ARGUMENT,
                    "unknown frame type 0x" + Integer.toHexString(f.typeCode()));
            return;
        }
        if ((type == FrameType.REQUEST || type == FrameType.ONE_WAY || type == FrameType.METADATA) && !f.isResponse()
                && (f.correlationId() & 1) == 0) {
            // the side that starts an exchange picks its id: odd ones the client, even ones the server (callbacks), so
            // that both can start exchanges on one connection without a clash; 0 is for connection-level frames
            if (f.correlationId() == 0) {
                throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "a " + type + " frame with correlation id 0, which is for "
                        + "connection-level frames; a client's calls have odd ids");
            }
            refuse(f.correlationId(), null, CallMetadata.EMPTY, FaultCode.INVALID_ARGUMENT, "correlation id " + f.correlationId()
                    + " is even, which the server's callbacks use; a client's calls have odd ids");
            return;
        }
        switch (type) {
            case REQUEST, ONE_WAY -> onCall(f, type == FrameType.ONE_WAY);
            case CREDENTIALS -> onCredentials(f);
            case PING -> {
                if (!f.isResponse()) {
                    ctx.writeAndFlush(f.response(Frame.EMPTY));
                }
            }
            case METADATA -> ctx.writeAndFlush(f.response(endpoint.metadata));
            case CANCEL -> admission.cancel(f.correlationId());
            case CLOSE -> admission.close();
            case REPLY, FAULT -> {
                FramedCalls calls = session.callbackCalls();
                if (calls == null || !calls.calls().isOurs(f.correlationId()) || !calls.calls().complete(f.correlationId(), f)) {
                    log.debug("{}: answer to unknown callback {}", name(), f.correlationId());
                }
            }
            default -> refuse(f.correlationId(), null, CallMetadata.EMPTY, FaultCode.INVALID_ARGUMENT,
                    "a client may not send " + type + " frames");
        }
    }

    /**
     * The credentials exchange: once per connection, before its first call. The credential is checked off the event
     * loop (a password hash is slow); a verified one is the principal of every later call of the connection, a refused
     * one closes it.
     */
    private void onCredentials(Frame f) {
        if (credentials != Credentials.NOT_SENT) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "credentials may be sent once per connection, before its first call");
        }
        String authorization = f.headers().get(CallMetadata.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "a CREDENTIALS frame needs an 'authorization' header");
        }
        AuthenticationBehavior authentication = context.resources().get(AuthenticationBehavior.class);
        if (authentication == null) {
            throw new ProtocolException(FaultCode.UNAUTHENTICATED, "this endpoint accepts no credentials");
        }
        credentials = Credentials.CHECKING;
        FrameInvocations unverified = invocations;
        java.util.concurrent.CompletableFuture
                .supplyAsync(() -> authentication.verify(authorization, unverified.peer().remoteAddress()), endpoint.workers)
                .whenComplete((identity, failure) -> ctx.executor().execute(() -> {
                    if (failure != null || identity.isEmpty()) {
                        exceptionCaught(ctx, new ProtocolException(FaultCode.UNAUTHENTICATED, "authentication failed"));
                        return;
                    }
                    invocations = unverified.withPeer(unverified.peer().withVerifiedPrincipal(new Identity.Verified(identity.get())));
                    credentials = Credentials.VERIFIED;
                    log.debug("{}: connection from {} authenticated as {}", name(), ctx.channel().remoteAddress(), identity.get().name());
                    ctx.writeAndFlush(f.response(codec.encodeValue(java.util.Map.of("principal", identity.get().name()))));
                }));
    }

    private void onCall(Frame f, boolean oneWay) {
        long cid = f.correlationId();
        switch (credentials) {
            case NOT_SENT -> credentials = Credentials.TOO_LATE;
            case CHECKING -> {
                refuse(cid, null, CallMetadata.EMPTY, FaultCode.INVALID_ARGUMENT, "a call before the credentials were answered");
                return;
            }
            case VERIFIED -> {
                if (f.headers().containsKey(CallMetadata.AUTHORIZATION)) {
                    refuse(cid, null, CallMetadata.EMPTY, FaultCode.INVALID_ARGUMENT,
                            "this connection has exchanged credentials: its calls carry no 'authorization' of their own");
                    return;
                }
            }
            default -> {
            }
        }
        CallAdmission.Refusal refused = admission.admit(cid, oneWay, () -> runCall(f, oneWay));
        if (refused != null) {
            refuse(cid, null, CallMetadata.EMPTY, refused.code(), refused.message());
        }
    }

    /**
     * On a worker: the call's invocation through the Dispatcher; the answer is written when its outcome is known.
     * Whatever happens, the call is answered and {@link CallAdmission#finished} runs exactly once.
     */
    private void runCall(Frame f, boolean oneWay) {
        long cid = f.correlationId();
        CallMetadata metadata = CallMetadata.EMPTY;
        CompletionStage<Outcome> stage;
        try {
            metadata = FrameMetadata.read(f.headers());
            Invocation invocation = invocations.read(f, metadata);
            admission.started(cid, invocation.context());
            stage = oneWay ? context.dispatcher().dispatchOneWay(invocation) : context.dispatcher().dispatch(invocation);
        } catch (ServiceException e) {
            refuse(cid, null, metadata, e.code(), e.getMessage());
            admission.finished(cid);
            return;
        } catch (RuntimeException | Error e) {
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            log.error("{}: call {} failed before dispatch (reference {})", name(), cid, reference, e);
            refuse(cid, null, metadata, FaultCode.INTERNAL, "internal error (reference " + reference + ")");
            admission.finished(cid);
            return;
        }
        Instant deadline = metadata.deadline();
        stage.whenComplete((outcome, t) -> {
            try {
                answer(cid, outcome, oneWay, deadline);
            } finally {
                admission.finished(cid);
            }
        });
    }

    private void answer(long cid, Outcome outcome, boolean oneWay, Instant deadline) {
        if (oneWay && outcome.isValue() && !acknowledgesOneWay) {
            return; // a version 1 client does not wait for an acknowledgement
        }
        if (admission.isCancelled(cid)) {
            return; // the caller gave up; its answer would be noise
        }
        if (deadline != null && Instant.now().isAfter(deadline)) {
            log.debug("{}: dropped the answer to call {}: its deadline passed", name(), cid);
            return;
        }
        ctx.writeAndFlush(ReplyFrames.answer(codec, cid, outcome, oneWay, name()));
    }

    /** Answers a call refused before dispatch, logs it, and tells the Dispatcher so that observers see it. */
    private void refuse(long cid, String operation, CallMetadata metadata, FaultCode code, String message) {
        log.warn("{}: refused call {} from {}: {}", name(), cid, ctx.channel().remoteAddress(), ErrorTexts.forLog(message));
        ctx.writeAndFlush(ReplyFrames.error(codec, cid, code, message));
        reportRefusal(operation, metadata, code, message);
    }

    private void reportRefusal(String operation, CallMetadata metadata, FaultCode code, String message) {
        ListenContext c = context;
        FrameInvocations i = invocations;
        if (c != null && i != null) {
            c.dispatcher().refused(new Refusal(operation, c.newContext().metadata(metadata).peer(i.peer())
                    .session(session).build(), Outcome.error(code, message)));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        CallAdmission a = admission;
        if (a != null) {
            a.writabilityChanged();
        } else if (!broken) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("{}: closing idle connection from {}", name(), ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (broken) {
            return; // the connection is already going down; later bytes add nothing
        }
        broken = true;
        // read nothing more: the stream cannot be framed any longer, and the connection is closing
        ctx.channel().config().setAutoRead(false);
        if (c instanceof ProtocolException p) {
            log.warn("{}: {} from {}: {}; closing the connection", name(),
                    p.code == FaultCode.RESOURCE_EXHAUSTED ? "refused a connection" : "protocol error",
                    ctx.channel().remoteAddress(), p.getMessage());
            reportRefusal(null, CallMetadata.EMPTY, p.code, p.getMessage());
            ctx.writeAndFlush(ReplyFrames.error(codec, 0, p.code, p.getMessage())).addListener(ChannelFutureListener.CLOSE);
        } else if (c instanceof IOException) {
            log.debug("{}: connection from {} failed: {}", name(), ctx.channel().remoteAddress(), c.toString());
            ctx.close();
        } else {
            log.warn("{}: closing connection from {} after an unexpected error", name(),
                    ctx.channel().remoteAddress(), c);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.stop();
        if (admittedTo != null) {
            admittedTo.connectionClosed();
            admittedTo = null;
        }
        if (admission != null) {
            admission.disconnected();
        }
        ConnectionSession s = session;
        if (s != null) {
            s.closed(new ServiceException(FaultCode.UNAVAILABLE, "the caller has disconnected"));
            context.dispatcher().sessionClosed(s.id());
        }
        super.channelInactive(ctx);
    }
}
