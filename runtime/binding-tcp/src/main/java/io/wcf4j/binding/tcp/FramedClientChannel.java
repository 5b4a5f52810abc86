package io.wcf4j.binding.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.CorrelatedCalls;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import io.wcf4j.spi.SecuritySettings;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client half of net.tcp and net.pipe: one multiplexed connection per channel (so per ChannelFactory), shared
 * by every thread that calls through it, opened on first use and reopened after it is lost. Calls go out as
 * {@link FramedCalls} (core's correlation engine, answers in whatever order). On a duplex contract it also serves
 * the service's CALLBACK frames: through the callback dispatcher core made for this client (the same phased
 * pipeline a host runs), which runs them one at a time in the order the service sent them. It speaks protocol
 * version 2: its one-way calls and the service's one-way callbacks are acknowledged.
 */
final class FramedClientChannel implements ClientChannel {
    private static final Logger log = LoggerFactory.getLogger(FramedClientChannel.class);

    private final ChannelContext context;
    private final Transport transport;
    private final PayloadCodec codec = new PayloadCodec();
    private final Duration connectTimeout;
    private final int maxFrame;
    private final Dispatcher callbackDispatcher;
    private final ExecutorService callbackExecutor;
    /** TLS to the server, or null for plain text. */
    private final SslContext tls;
    private volatile FramedCalls connection;
    private volatile boolean closed;

    /** The client's frames for its wire tap; null when not wanted. Stateless, so one serves every connection. */
    private final FrameTap tap;

    FramedClientChannel(ChannelContext context, Transport transport) {
        this.context = context;
        this.tap = context.wireTap() == null ? null : new FrameTap(context.wireTap(), context.calledEndpoint(), context.contract());
        this.transport = transport;
        this.connectTimeout = context.settings().get(CommonSettings.SEND_TIMEOUT);
        this.maxFrame = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).toIntBytes();
        this.callbackDispatcher = context.contract().callbackContract() != null ? context.callbackDispatcher() : null;
        SecuritySettings.TlsMaterial material = FramedBinding.tls(transport, context.settings(), "client of " + context.address(), false);
        this.tls = material == null ? null : TlsContexts.client(material, "client of " + context.address());
        if (callbackDispatcher != null) {
            // one receiving thread: callbacks enter the dispatcher (which runs them in order) as the service sent them
            this.callbackExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "wcf4j-callback-" + callbackDispatcher.contract().name());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.callbackExecutor = null;
        }
    }

    @Override
    public Object invoke(ClientCall call) throws Exception {
        return connection().invoke(call);
    }

    private FramedCalls connection() {
        FramedCalls c = connection;
        if (c != null && c.channel().isActive()) {
            return c;
        }
        synchronized (this) {
            c = connection;
            if (c != null && c.channel().isActive()) {
                return c;
            }
            if (closed) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "channel to " + context.address() + " is closed");
            }
            ClientHandler handler = new ClientHandler();
            Bootstrap b = new Bootstrap().group(EventLoops.client()).channel(transport.channelClass())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), 10_000))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), context.address().host(), context.address().port()));
                            }
                            ch.pipeline().addLast("frames", new FrameDecoder(maxFrame, 0))
                                    .addLast("encoder", FrameEncoder.INSTANCE);
                            if (tap != null) {
                                ch.pipeline().addLast(FrameTap.NAME, tap);
                            }
                            ch.pipeline().addLast("client", handler);
                        }
                    });
            if (transport.isTcp()) {
                b.option(ChannelOption.TCP_NODELAY, true);
            }
            ChannelFuture f = b.connect(transport.connectAddress(context.address()));
            f.awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new ServiceException(FaultCode.UNAVAILABLE, "cannot reach " + context.address() + ": " + f.cause());
            }
            if (tls != null) {
                // fail here, with the reason, rather than on the first call's read
                io.netty.util.concurrent.Future<Channel> handshake = f.channel().pipeline().get(SslHandler.class).handshakeFuture();
                if (!handshake.awaitUninterruptibly(connectTimeout.toMillis()) || !handshake.isSuccess()) {
                    Throwable cause = handshake.cause();
                    f.channel().close();
                    throw new ServiceException(FaultCode.UNAVAILABLE, "TLS handshake with " + context.address() + " failed: "
                            + (cause == null ? "timed out" : TlsContexts.reason(cause)));
                }
            }
            Preamble p = new Preamble(Preamble.VERSION, Preamble.ENCODING_CBOR, transport.preamblePath(context.address()));
            f.channel().writeAndFlush(Unpooled.wrappedBuffer(p.encode()));
            c = new FramedCalls(f.channel(), handler.calls, codec, false, maxFrame, String.valueOf(context.address()), true);
            connection = c;
            return c;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        FramedCalls c = connection;
        if (c != null) {
            c.channel().close().awaitUninterruptibly(2000);
        }
        if (callbackExecutor != null) {
            callbackExecutor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "net.tcp/pipe channel to " + context.address();
    }

    private final class ClientHandler extends ChannelInboundHandlerAdapter {
        /** The connection's calls, made before it connects: a refusal of the connection may come at once. */
        final CorrelatedCalls<Frame> calls = new CorrelatedCalls<>(false);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FrameDecoder.Oversized o) {
                calls.fail(o.correlationId(), new ServiceException(FaultCode.MESSAGE_TOO_LARGE,
                        "reply of " + o.length() + " bytes is over this client's limit of " + o.limit() + " bytes"));
                return;
            }
            if (!(msg instanceof Frame f)) {
                return;
            }
            FrameType type = f.type();
            if (type == null) {
                return;
            }
            switch (type) {
                case REPLY, FAULT -> {
                    if (f.correlationId() == 0 && type == FrameType.FAULT) {
                        Exception e = codec.decodeFault(null, f.payload());
                        calls.failAll(e instanceof ServiceException se ? se
                                : new ServiceException(FaultCode.INTERNAL, e.getMessage()));
                        ctx.close();
                    } else if (!calls.complete(f.correlationId(), f) && type == FrameType.FAULT) {
                        // an answer after a time-out
                        log.warn("{}: fault for call {} that nobody waits for: {}", context.address(), f.correlationId(),
                                codec.decodeFault(null, f.payload()).getMessage());
                    }
                }
                case CALLBACK -> onCallback(ctx, f);
                case PING -> {
                    if (!f.isResponse()) {
                        ctx.writeAndFlush(f.response(Frame.EMPTY));
                    }
                }
                default -> {
                    // PREAMBLE_ACK, CLOSE: nothing to do; the server closes the connection after CLOSE
                }
            }
        }

        private void onCallback(ChannelHandlerContext ctx, Frame f) {
            if (callbackDispatcher == null) {
                ctx.writeAndFlush(ReplyFrames.error(codec, f.correlationId(), FaultCode.UNKNOWN_OPERATION,
                        "this client serves no callbacks"));
                return;
            }
            callbackExecutor.execute(() -> runCallback(ctx, f));
        }

        /**
         * On the receiving thread: the callback's observe and admit phases; the client's serial dispatcher then runs
         * it in arrival order on its own thread (so this one is free for the next callback, whose acknowledgement
         * must not wait for the one running). The answer is written when the outcome is known.
         */
        private void runCallback(ChannelHandlerContext ctx, Frame f) {
            PeerIdentity peer = PeerIdentity.ofAddress(String.valueOf(context.address()));
            CallMetadata metadata = CallMetadata.EMPTY;
            Invocation inv;
            CompletionStage<Outcome> stage;
            try {
                metadata = FrameMetadata.read(f.headers());
                PayloadCodec.Call call = codec.decodeCall(callbackDispatcher.contract(), f.payload());
                inv = new Invocation(call.operation(), call.arguments(),
                        InvocationContext.builder(context.callbackEndpoint()).metadata(metadata).peer(peer).build());
                stage = inv.operation().oneWay() ? callbackDispatcher.dispatchOneWay(inv) : callbackDispatcher.dispatch(inv);
            } catch (ServiceException e) {
                refuseCallback(ctx, f, metadata, peer, e.code(), e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                log.error("{}: a callback failed before dispatch", context.address(), e);
                refuseCallback(ctx, f, metadata, peer, FaultCode.INTERNAL, "the client could not take the callback");
                return;
            }
            boolean oneWay = inv.operation().oneWay();
            stage.whenComplete((outcome, t) ->
                    ctx.writeAndFlush(ReplyFrames.answer(codec, f.correlationId(), outcome, oneWay, "callback")));
        }

        private void refuseCallback(ChannelHandlerContext ctx, Frame f, CallMetadata metadata, PeerIdentity peer,
                                    FaultCode code, String message) {
            log.warn("{}: refused a callback: {}", context.address(), ErrorTexts.forLog(message));
            callbackDispatcher.refused(new Refusal(null, InvocationContext.builder(context.callbackEndpoint())
                    .metadata(metadata).peer(peer).build(), Outcome.error(code, message)));
            ctx.writeAndFlush(ReplyFrames.error(codec, f.correlationId(), code, message));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            calls.failAll(new ServiceException(FaultCode.UNAVAILABLE, "connection to " + context.address() + " lost"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            log.debug("connection to {} failed: {}", context.address(), c.toString());
            calls.failAll(new ServiceException(FaultCode.UNAVAILABLE, "connection to " + context.address()
                    + " failed: " + c.getMessage()));
            ctx.close();
        }
    }
}
