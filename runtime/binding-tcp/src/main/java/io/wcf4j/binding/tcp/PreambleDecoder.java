package io.wcf4j.binding.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.wcf4j.FaultCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the connection preamble and emits one {@link Preamble}; then it holds any further bytes until the
 * connection handler, having chosen the endpoint, puts that endpoint's frame decoder after it and removes it
 * (the held bytes then flow to the frame decoder, in order). A wrong magic, version, encoding or path length
 * is a {@link ProtocolException}. On partial input it waits without consuming.
 */
final class PreambleDecoder extends ByteToMessageDecoder {
    private boolean done;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            return;
        }
        int available = in.readableBytes();
        int start = in.readerIndex();
        for (int i = 0; i < Math.min(4, available); i++) {
            if (in.getByte(start + i) != Preamble.MAGIC[i]) {
                throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "not a wcf4j net.tcp connection (bad preamble magic)");
            }
        }
        if (available < 8) {
            return;
        }
        int version = in.getUnsignedByte(start + 4);
        int encoding = in.getUnsignedByte(start + 5);
        int pathLength = in.getUnsignedShort(start + 6);
        if (version < Preamble.MIN_VERSION || version > Preamble.VERSION) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "unsupported protocol version " + version
                    + " (this server speaks " + Preamble.MIN_VERSION + " to " + Preamble.VERSION + ")");
        }
        if (encoding != Preamble.ENCODING_CBOR) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "unsupported encoding " + encoding + " (this server speaks 1 = CBOR)");
        }
        if (pathLength > Preamble.MAX_PATH) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "preamble path of " + pathLength + " bytes (at most " + Preamble.MAX_PATH + ")");
        }
        if (available < 8 + pathLength) {
            return;
        }
        String path = in.toString(start + 8, pathLength, StandardCharsets.UTF_8);
        in.skipBytes(8 + pathLength);
        out.add(new Preamble(version, encoding, path));
        done = true;
    }
}
