package io.wcf4j.binding.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of a host's framed endpoints: one acceptor thread and one I/O thread per core, shared
 * by every net.tcp and net.pipe endpoint of the host and closed with its resources. Clients share one small
 * group of daemon threads for the life of the JVM.
 */
final class EventLoops implements AutoCloseable {
    private static volatile EventLoopGroup clientGroup;

    final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wcf4j-tcp-accept", true),
            NioIoHandler.newFactory());
    final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory("wcf4j-tcp-io", true), NioIoHandler.newFactory());

    static EventLoopGroup client() {
        EventLoopGroup g = clientGroup;
        if (g == null) {
            synchronized (EventLoops.class) {
                g = clientGroup;
                if (g == null) {
                    g = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            new DefaultThreadFactory("wcf4j-tcp-client", true), NioIoHandler.newFactory());
                    clientGroup = g;
                }
            }
        }
        return g;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        FastThreadLocal.removeAll(); // see FramedEndpoint.listen
    }
}
