package io.wcf4j.binding.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.wcf4j.FaultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * First on a TLS socket: looks at a connection's first bytes. A TLS record puts the TLS handler in its place; a
 * plain-text preamble gets a clear refusal (a FAULT frame saying TLS is required, then the connection closes),
 * not a hang or a reset; anything else is closed.
 */
final class TlsDetector extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(TlsDetector.class);
    /** A TLS record header's length: enough to tell. */
    private static final int NEEDED = 5;

    private final SslContext context;
    private final Duration handshakeTimeout;
    private final PayloadCodec codec;

    TlsDetector(SslContext context, Duration handshakeTimeout, PayloadCodec codec) {
        this.context = context;
        this.handshakeTimeout = handshakeTimeout;
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < NEEDED) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            SslHandler tls = context.newHandler(ctx.alloc());
            tls.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            ctx.pipeline().replace(this, "tls", tls);
            return;
        }
        boolean preamble = true;
        for (int i = 0; i < 4; i++) {
            preamble &= in.getByte(in.readerIndex() + i) == Preamble.MAGIC[i];
        }
        log.info("net.tcp: plain-text {} from {} on a TLS endpoint; refused", preamble ? "connection" : "bytes",
                ctx.channel().remoteAddress());
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        if (preamble) {
            // from the channel: the frame encoder sits after this handler
            ctx.channel().writeAndFlush(Frame.of(FrameType.FAULT, 0, codec.encodeError(FaultCode.UNAVAILABLE,
                    "this endpoint requires TLS (security-mode transport); connect with TLS")))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
