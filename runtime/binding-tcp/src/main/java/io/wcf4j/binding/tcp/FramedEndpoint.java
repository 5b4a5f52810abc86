package io.wcf4j.binding.tcp;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.WireTap;
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
 * One net.tcp or net.pipe endpoint: its limits, its bounded worker pool (calls never run on the event loop),
 * its connections, on a {@link FramedServer} socket that it may share with other endpoints.
 */
final class FramedEndpoint {
    private static final Logger log = LoggerFactory.getLogger(FramedEndpoint.class);

    final ListenContext context;
    final PayloadCodec codec = new PayloadCodec();
    final String bindingType;
    final int maxFrame;
    final int maxConnections;
    /** Connections whose preamble named this endpoint, still open; at most {@link #maxConnections}. */
    private final AtomicInteger openConnections = new AtomicInteger();
    final int maxCallsPerConnection;
    final Duration handshakeTimeout;
    final Duration idleTimeout;
    final Duration frameTimeout;
    final byte[] metadata;
    /** TLS on this endpoint's socket, or null for plain text. */
    final SecuritySettings.TlsMaterial tls;
    final ThreadPoolExecutor workers;
    ChannelGroup connections;
    final EndpointTraffic traffic = new EndpointTraffic();
    /** The host's transport-level message log, if it wants this endpoint's frames. */
    final WireTap tap;
    private final Transport transport;
    FramedServer server;
    String serverPath;

    FramedEndpoint(ListenContext context, Transport transport, String bindingType) {
        this.context = context;
        this.transport = transport;
        this.bindingType = bindingType;
        this.maxFrame = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).toIntBytes();
        this.maxConnections = context.settings().get(FramedBinding.MAX_CONNECTIONS);
        this.maxCallsPerConnection = context.settings().get(FramedBinding.MAX_CALLS_PER_CONNECTION);
        this.handshakeTimeout = context.settings().get(FramedBinding.HANDSHAKE_TIMEOUT);
        this.idleTimeout = context.settings().get(FramedBinding.IDLE_TIMEOUT);
        this.frameTimeout = context.settings().get(FramedBinding.FRAME_TIMEOUT);
        this.metadata = codec.encodeMetadata(context.contract());
        this.tap = WireTap.forEndpoint(context.resources(), context.endpoint());
        this.tls = FramedBinding.tls(transport, context.settings(), "endpoint " + context.endpointName(), true);
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

    /** Counts a connection whose preamble named this endpoint; false, counting nothing, when it has its maximum open. */
    boolean admitConnection() {
        if (openConnections.incrementAndGet() > maxConnections) {
            openConnections.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A connection {@link #admitConnection admitted} closed. */
    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    Listener listen() throws Exception {
        EventLoops loops = context.resources().computeIfAbsent(EventLoops.class, EventLoops::new);
        // not Netty's global executor: its thread would outlive an undeployed webapp
        connections = new DefaultChannelGroup(loops.workers.next());
        FramedServers servers = context.resources().computeIfAbsent(FramedServers.class, FramedServers::new);
        URI address;
        try {
            address = servers.add(transport, this, loops);
        } catch (Exception e) {
            workers.shutdownNow();
            throw e;
        } finally {
            // binding left Netty's thread-local map on this (the host's) thread: in a servlet container that
            // thread belongs to the container, which would report it as a leak on undeploy
            FastThreadLocal.removeAll();
        }
        return Listener.of(address, Map.of(), traffic.statistics(() -> connections.size(), tls != null), () -> {
            server.remove(serverPath);
            // the host drained its calls before closing us, but a worker may still be writing a reply: let the
            // workers finish, then say goodbye and close what is left
            workers.shutdown();
            awaitQuietly(workers);
            connections.writeAndFlush(Frame.of(FrameType.CLOSE, 0, Frame.EMPTY));
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            FastThreadLocal.removeAll();
            log.debug("{} endpoint {} closed", bindingType, address);
        });
    }

    private static void awaitQuietly(ThreadPoolExecutor pool) {
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
