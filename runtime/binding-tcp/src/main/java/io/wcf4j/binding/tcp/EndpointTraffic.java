package io.wcf4j.binding.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.wcf4j.spi.EndpointStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What an endpoint's connections carried, for monitoring: bytes on the wire each way (after TLS, as the network saw
 * them) and TLS handshakes completed. A connection counts towards an endpoint once its preamble named it; the bytes
 * of the preamble itself count towards none.
 */
final class EndpointTraffic {
    static final String HANDLER = "traffic";

    final LongAdder received = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder tlsHandshakes = new LongAdder();

    List<EndpointStatistic> statistics(IntSupplier connections, boolean tls) {
        List<EndpointStatistic> stats = new ArrayList<>(List.of(
                EndpointStatistic.gauge("connections", "Connections open", connections::getAsInt),
                EndpointStatistic.counter("bytes.received", "Bytes received on its connections", received::sum),
                EndpointStatistic.counter("bytes.sent", "Bytes sent on its connections", sent::sum)));
        if (tls) {
            stats.add(EndpointStatistic.counter("tls.handshakes", "TLS handshakes completed by connections to it",
                    tlsHandshakes::sum));
        }
        return stats;
    }

    /** Starts counting a connection whose preamble named this endpoint. */
    void attach(Channel channel) {
        if (channel.pipeline().get(HANDLER) instanceof Counter counter) {
            counter.traffic = this;
            if (channel.pipeline().get(SslHandler.class) != null) {
                tlsHandshakes.increment();
            }
        }
    }

    /** The first handler of a server connection: sees the wire's bytes, and counts them once it knows the endpoint. */
    static final class Counter extends ChannelDuplexHandler {
        private volatile EndpointTraffic traffic;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            EndpointTraffic t = traffic;
            if (t != null && msg instanceof ByteBuf b) {
                t.received.add(b.readableBytes());
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            EndpointTraffic t = traffic;
            if (t != null && msg instanceof ByteBuf b) {
                t.sent.add(b.readableBytes());
            }
            super.write(ctx, msg, promise);
        }
    }
}
