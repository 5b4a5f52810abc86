package io.wcf4j.binding.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.ListenContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one net.tcp or net.pipe endpoint: the Netty pipeline of each connection, the limits,
 * and the bounded worker pool on which calls run.
 *
 * <p>Pipeline, in order: preamble decoder (removes itself once read) → frame decoder (max frame size) →
 * frame encoder → idle detection → {@link ServerConnection} (dispatch off the event loop).
 */
final class FramedEndpoint {
    private static final Logger log = LoggerFactory.getLogger(FramedEndpoint.class);

    final ListenContext context;
    final PayloadCodec codec = new PayloadCodec();
    final String bindingType;
    final String preamblePath;
    final int maxFrame;
    final int maxConnections;
    final int maxCallsPerConnection;
    final Duration handshakeTimeout;
    final Duration idleTimeout;
    final Duration callbackTimeout;
    final byte[] metadata;
    final ThreadPoolExecutor workers;
    private final Transport transport;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger connectionCount = new AtomicInteger();

    FramedEndpoint(ListenContext context, Transport transport, String bindingType) {
        this.context = context;
        this.transport = transport;
        this.bindingType = bindingType;
        this.preamblePath = transport.preamblePath(context.address());
        this.maxFrame = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).toIntBytes();
        this.maxConnections = context.settings().get(FramedBinding.MAX_CONNECTIONS);
        this.maxCallsPerConnection = context.settings().get(FramedBinding.MAX_CALLS_PER_CONNECTION);
        this.handshakeTimeout = context.settings().get(FramedBinding.HANDSHAKE_TIMEOUT);
        this.idleTimeout = context.settings().get(FramedBinding.IDLE_TIMEOUT);
        this.callbackTimeout = context.settings().get(CommonSettings.SEND_TIMEOUT);
        this.metadata = codec.encodeMetadata(context.contract());
        int threads = context.settings().get(FramedBinding.WORKER_THREADS);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(context.settings().get(FramedBinding.MAX_QUEUED_CALLS)), r -> {
                    Thread t = new Thread(r, "wcf4j-" + context.endpointName() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    Listener listen() throws Exception {
        EventLoops loops = context.resources().computeIfAbsent(EventLoops.class, EventLoops::new);
        ConnectionLimit limit = new ConnectionLimit();
        ServerBootstrap b = new ServerBootstrap().group(loops.boss, loops.workers)
                .channel(transport.serverChannelClass())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("limit", limit)
                                .addLast("preamble", new PreambleDecoder())
                                .addLast("frames", new FrameDecoder(maxFrame))
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("connection", new ServerConnection(FramedEndpoint.this));
                    }
                });
        if (transport.isTcp()) {
            b.childOption(ChannelOption.TCP_NODELAY, true);
        }
        Channel server;
        try {
            server = b.bind(transport.bindAddress(context.address())).sync().channel();
            transport.afterBind(context.address());
        } catch (Exception e) {
            workers.shutdownNow();
            throw e;
        }
        URI address = transport.boundAddress(context.address(), server);
        return Listener.of(address, Map.of(), () -> {
            server.close().syncUninterruptibly();
            // the host drained its calls before closing us: say goodbye, then close what is left
            connections.writeAndFlush(Frame.of(FrameType.CLOSE, 0, Frame.EMPTY));
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            workers.shutdown();
            transport.afterClose(context.address());
            log.debug("{} endpoint {} closed", bindingType, address);
        });
    }

    /** Counts connections and refuses those over {@code max-connections}. Shared by every connection. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (connectionCount.incrementAndGet() > maxConnections) {
                log.warn("{}: refused a connection from {}: {} connections open (max-connections)",
                        context.endpointName(), ctx.channel().remoteAddress(), maxConnections);
                // answer, stop reading, and close a moment later: closing at once with the caller's first request
                // unread would reset the connection and could destroy the answer before the caller reads it
                ctx.channel().config().setAutoRead(false);
                // from the channel, not this context: the frame encoder sits after this handler
                ctx.channel().writeAndFlush(Frame.of(FrameType.FAULT, 0, codec.encodeError(io.wcf4j.FaultCode.RESOURCE_EXHAUSTED,
                        "server busy: too many connections; retry later")));
                ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
                return;
            }
            connections.add(ctx.channel());
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connectionCount.decrementAndGet();
            super.channelInactive(ctx);
        }
    }
}
