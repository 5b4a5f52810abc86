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
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Dispatchers;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client half of net.tcp and net.pipe: one multiplexed connection per channel (so per ChannelFactory),
 * shared by every thread that calls through it, opened on first use and reopened after it is lost. Replies
 * are matched to callers by correlation id, in whatever order they come. On a duplex contract it also
 * serves the service's CALLBACK frames with the callback object given to the ChannelFactory.
 */
final class FramedClientChannel implements ClientChannel {
    private static final Logger log = LoggerFactory.getLogger(FramedClientChannel.class);

    private final ChannelContext context;
    private final Transport transport;
    private final PayloadCodec codec = new PayloadCodec();
    private final Duration timeout;
    private final int maxFrame;
    private final Dispatcher callbackDispatcher;
    private final ExecutorService callbackExecutor;
    private volatile Connection connection;
    private volatile boolean closed;

    private record Connection(Channel channel, ConnectionCalls calls) {
    }

    FramedClientChannel(ChannelContext context, Transport transport) {
        this.context = context;
        this.transport = transport;
        this.timeout = context.settings().get(CommonSettings.SEND_TIMEOUT);
        this.maxFrame = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).toIntBytes();
        ContractDescription cb = context.contract().callbackContract();
        if (cb != null && context.callbackInstance() != null) {
            this.callbackDispatcher = Dispatchers.forInstance("callback-" + cb.name(), cb, context.callbackInstance());
            // one thread: the service's callbacks are delivered in the order it sent them
            this.callbackExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "wcf4j-callback-" + cb.name());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.callbackDispatcher = null;
            this.callbackExecutor = null;
        }
    }

    @Override
    public Object invoke(OperationDescription op, Object[] arguments) throws Exception {
        Connection c = connection();
        return c.calls().call(c.channel(), op.oneWay() ? FrameType.ONE_WAY : FrameType.REQUEST, op, arguments, timeout, maxFrame);
    }

    private Connection connection() {
        Connection c = connection;
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
            ConnectionCalls calls = new ConnectionCalls(codec, false);
            Bootstrap b = new Bootstrap().group(EventLoops.client()).channel(transport.channelClass())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 10_000))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("frames", new FrameDecoder(maxFrame, 0))
                                    .addLast("encoder", FrameEncoder.INSTANCE)
                                    .addLast("client", new ClientHandler(calls));
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
            Preamble p = new Preamble(Preamble.VERSION, Preamble.ENCODING_CBOR, transport.preamblePath(context.address()));
            f.channel().writeAndFlush(Unpooled.wrappedBuffer(p.encode()));
            c = new Connection(f.channel(), calls);
            connection = c;
            return c;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            c.channel().close().awaitUninterruptibly(2000);
        }
        if (callbackExecutor != null) {
            callbackExecutor.shutdownNow();
        }
    }

    private final class ClientHandler extends ChannelInboundHandlerAdapter {
        private final ConnectionCalls calls;

        ClientHandler(ConnectionCalls calls) {
            this.calls = calls;
        }

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
                    } else if (!calls.complete(f) && type == FrameType.FAULT) {
                        // a one-way call the server refused after it was sent, or an answer after a time-out
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
                ctx.writeAndFlush(Frame.of(FrameType.FAULT, f.correlationId(),
                        codec.encodeError(FaultCode.UNKNOWN_OPERATION, "this client serves no callbacks")));
                return;
            }
            callbackExecutor.execute(() -> {
                Outcome outcome;
                boolean oneWay = false;
                try {
                    PayloadCodec.Call call = codec.decodeCall(callbackDispatcher.contract(), f.payload());
                    oneWay = call.operation().oneWay();
                    Invocation inv = new Invocation(call.operation(), call.arguments(),
                            InvocationContext.builder().bindingType("callback").build());
                    outcome = callbackDispatcher.dispatch(inv);
                } catch (ServiceException e) {
                    outcome = Outcome.error(e.code(), e.getMessage());
                }
                if (oneWay && outcome.kind() != Outcome.Kind.VALUE) {
                    log.warn("one-way callback failed: {}", outcome);
                }
                if (!oneWay) {
                    ctx.writeAndFlush(ServerConnection.replyFrame(codec, f.correlationId(), outcome, "callback"));
                }
            });
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
            calls.failAll(new ServiceException(FaultCode.UNAVAILABLE, "connection to " + context.address() + " failed: " + c.getMessage()));
            ctx.close();
        }
    }
}
