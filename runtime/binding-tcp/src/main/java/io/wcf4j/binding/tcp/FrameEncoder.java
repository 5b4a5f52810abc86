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
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.writeByte(f.typeCode());
        out.writeByte(f.flags());
        out.writeLong(f.correlationId());
        out.writeShort(f.headers().size());
        for (Map.Entry<String, String> h : f.headers().entrySet()) {
            byte[] k = h.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = h.getValue().getBytes(StandardCharsets.UTF_8);
            out.writeByte(k.length);
            out.writeBytes(k);
            out.writeShort(v.length);
            out.writeBytes(v);
        }
        out.writeBytes(f.payload());
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }
}
