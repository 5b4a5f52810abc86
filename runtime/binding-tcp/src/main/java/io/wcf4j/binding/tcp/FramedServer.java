package io.wcf4j.binding.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.wcf4j.FaultCode;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket (a TCP host:port, or a Unix socket file) shared by every endpoint bound to it, as WCF's
 * port sharing: the preamble's path picks the endpoint. Opened by the first endpoint, closed with the last.
 *
 * <p>Pipeline of a connection, in order: connection limit → preamble decoder → frame encoder → idle
 * detection → {@link ServerConnection}; once the preamble names an endpoint, that endpoint's frame decoder
 * (its maximum frame size) replaces the preamble decoder and its idle timeout the socket's.
 *
 * <p>Before the preamble names an endpoint the socket's own limits apply: TLS (which the endpoints must agree on),
 * the largest {@code max-connections} of its endpoints, the shortest {@code handshake-timeout}. After it, the
 * endpoint's: its own {@code max-connections} (counted per endpoint), idle timeout, frame size and call limits.
 */
final class FramedServer {
    private static final Logger log = LoggerFactory.getLogger(FramedServer.class);

    private final String key;
    private final Transport transport;
    private final EndpointAddress bindAddress;
    private final Map<String, FramedEndpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int maxConnections;
    private volatile Duration idleTimeout;
    private volatile Duration handshakeTimeout;
    private final SecuritySettings.TlsMaterial tls;
    private final SslContext sslContext;
    private Channel channel;
    private final Runnable onEmpty;

    FramedServer(String key, Transport transport, EndpointAddress bindAddress, FramedEndpoint first, Runnable onEmpty) {
        this.key = key;
        this.transport = transport;
        this.bindAddress = bindAddress;
        this.maxConnections = first.maxConnections;
        this.idleTimeout = first.idleTimeout;
        this.handshakeTimeout = first.handshakeTimeout;
        this.tls = first.tls;
        this.sslContext = tls == null ? null : TlsContexts.server(tls, "endpoint " + first.context.endpointName());
        this.onEmpty = onEmpty;
    }

    void start(EventLoops loops) throws Exception {
        ConnectionLimit limit = new ConnectionLimit();
        ServerBootstrap b = new ServerBootstrap().group(loops.boss, loops.workers)
                .channel(transport.serverChannelClass())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(EndpointTraffic.HANDLER, new EndpointTraffic.Counter()).addLast("limit", limit);
                        if (sslContext != null) {
                            ch.pipeline().addLast("tls-detect", new TlsDetector(sslContext, handshakeTimeout, limit.codec));
                        }
                        ch.pipeline()
                                .addLast("preamble", new PreambleDecoder())
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("idle", new io.netty.handler.timeout.IdleStateHandler(0, 0,
                                        idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("connection", new ServerConnection(FramedServer.this, transport, handshakeTimeout));
                    }
                });
        if (transport.isTcp()) {
            b.childOption(ChannelOption.TCP_NODELAY, true);
        }
        // past 1 MiB of unsent replies a connection stops being read until its peer catches up
        b.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new io.netty.channel.WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        channel = transport.bind(b, bindAddress);
    }

    /** Adds an endpoint at a path; the address it listens on. */
    URI add(String path, FramedEndpoint endpoint) {
        if (!java.util.Objects.equals(tls, endpoint.tls)) {
            throw new io.wcf4j.config.ConfigException("endpoint " + endpoint.context.endpointName() + ".security-mode",
                    "endpoints that share " + key + " must agree on TLS (security-mode and tls-* settings): TLS is the socket's, "
                    + "before the preamble names an endpoint");
        }
        if (endpoints.putIfAbsent(normalize(path), endpoint) != null) {
            throw new IllegalStateException("path '" + path + "' on " + key + " is already served by another endpoint");
        }
        synchronized (this) {
            // no endpoint's own limit is cut by another's: each holds to its own once the preamble names it
            maxConnections = Math.max(maxConnections, endpoint.maxConnections);
            idleTimeout = idleTimeout.compareTo(endpoint.idleTimeout) >= 0 ? idleTimeout : endpoint.idleTimeout;
            handshakeTimeout = handshakeTimeout.compareTo(endpoint.handshakeTimeout) <= 0 ? handshakeTimeout : endpoint.handshakeTimeout;
        }
        return transport.boundAddress(endpoint.context.address(), channel);
    }

    /** Removes an endpoint; the last one out closes the socket. */
    synchronized void remove(String path) {
        endpoints.remove(normalize(path));
        if (endpoints.isEmpty() && channel != null) {
            channel.close().syncUninterruptibly();
            transport.afterClose(bindAddress);
            onEmpty.run();
            log.debug("closed {}", key);
        }
    }

    /** The endpoint a preamble path names, or null. */
    FramedEndpoint endpoint(String path) {
        return endpoints.get(normalize(path));
    }

    String describePaths() {
        return endpoints.keySet().toString();
    }

    static String normalize(String p) {
        String s = p == null ? "" : p.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Counts connections and refuses those over {@code max-connections}. Shared by every connection. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        final PayloadCodec codec = new PayloadCodec();

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (connections.incrementAndGet() > maxConnections) {
                log.warn("{}: refused a connection from {}: {} connections open (max-connections)",
                        key, ctx.channel().remoteAddress(), maxConnections);
                // answer, stop reading, and close a moment later: closing at once with the caller's first request
                // unread would reset the connection and could destroy the answer before the caller reads it
                ctx.channel().config().setAutoRead(false);
                // from the channel, not this context: the frame encoder sits after this handler
                ctx.channel().writeAndFlush(Frame.of(FrameType.FAULT, 0, codec.encodeError(FaultCode.RESOURCE_EXHAUSTED,
                        "server busy: too many connections; retry later")));
                ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connections.decrementAndGet();
            super.channelInactive(ctx);
        }
    }
}
