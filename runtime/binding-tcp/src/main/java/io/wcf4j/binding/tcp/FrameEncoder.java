package io.wcf4j.binding.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes {@link Frame}s (docs/tcp-framing.md, section 2); stateless, so one instance serves every connection. */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToByteEncoder<Frame> {
    static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame f, ByteBuf out) {
        // the wire's size fields would silently truncate anything larger and put the stream out of step
        if (f.headers().size() > FrameDecoder.MAX_HEADERS) {
            throw new IllegalArgumentException(f.headers().size() + " headers (at most " + FrameDecoder.MAX_HEADERS + ")");
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.writeByte(f.typeCode());
        out.writeByte(f.flags());
        out.writeLong(f.correlationId());
        out.writeShort(f.headers().size());
        for (Map.Entry<String, String> h : f.headers().entrySet()) {
            byte[] k = h.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = h.getValue().getBytes(StandardCharsets.UTF_8);
            if (k.length < 1 || k.length > 255 || v.length > 65_535) {
                throw new IllegalArgumentException("header '" + h.getKey() + "' does not fit the frame format "
                        + "(key 1..255 bytes, value at most 65535)");
            }
            out.writeByte(k.length);
            out.writeBytes(k);
            out.writeShort(v.length);
            out.writeBytes(v);
        }
        out.writeBytes(f.payload());
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }
}
