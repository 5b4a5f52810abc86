package io.wcf4j.binding.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.wcf4j.FaultCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the byte stream into {@link Frame}s (docs/tcp-framing.md, section 2), enforcing the maximum frame size.
 *
 * <p>A frame longer than the limit but plausibly a real message (up to {@code 16 ×} the limit) is skipped
 * byte by byte as it arrives and reported as one {@link Oversized} message carrying its correlation id, so
 * that only that call fails and the connection stays in step. A longer announced length is treated as hostile:
 * a {@link ProtocolException} that closes the connection. On partial input it waits without consuming.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    static final int PREFIX = 4 + 12;
    static final int MIN_LENGTH = 12;
    static final int MAX_HEADERS = 64;

    /** A frame that was over the limit and was skipped. */
    record Oversized(long correlationId, int typeCode, long length, long limit) {
    }

    private final int maxFrameLength;
    private final long frameTimeoutNanos;
    private long discarding;
    private long partialSince;

    /**
     * @param frameTimeoutNanos how long a frame may take to arrive once it has begun (0 for no limit): a peer
     *                          that trickles a frame a byte at a time never looks idle, so idleness alone would
     *                          not close it
     */
    FrameDecoder(int maxFrameLength, long frameTimeoutNanos) {
        this.maxFrameLength = maxFrameLength;
        this.frameTimeoutNanos = frameTimeoutNanos;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int before = out.size();
        decodeOne(in, out);
        if (out.size() > before || !in.isReadable()) {
            partialSince = 0;
        } else if (partialSince == 0) {
            partialSince = System.nanoTime();
        } else if (frameTimeoutNanos > 0 && System.nanoTime() - partialSince > frameTimeoutNanos) {
            throw new ProtocolException(FaultCode.DEADLINE_EXCEEDED, "a frame did not arrive whole within "
                    + frameTimeoutNanos / 1_000_000 + " ms of its first byte");
        }
    }

    /**
     * Whether a frame has been arriving for longer than the frame timeout. A peer that sends part of a frame
     * and then nothing never calls {@link #decode} again, so the connection checks this on a timer.
     */
    boolean partialFrameOverdue() {
        long since = partialSince;
        return frameTimeoutNanos > 0 && since != 0 && System.nanoTime() - since > frameTimeoutNanos;
    }

    private void decodeOne(ByteBuf in, List<Object> out) {
        if (discarding > 0) {
            int skip = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(skip);
            discarding -= skip;
            if (discarding > 0) {
                return;
            }
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedInt(start);
        // refused as soon as the length is read: a frame announced shorter than its header never completes one, and
        // waiting for the rest would hold the connection until the frame timeout
        if (length < MIN_LENGTH) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "frame length " + length + " is shorter than a frame header (" + MIN_LENGTH + ")");
        }
        if (in.readableBytes() < PREFIX) {
            return;
        }
        if (length > maxFrameLength) {
            if (length > 16L * maxFrameLength) {
                throw new ProtocolException(FaultCode.MESSAGE_TOO_LARGE, "frame length " + length
                        + " is far over the limit of " + maxFrameLength + " bytes; closing the connection");
            }
            int type = in.getUnsignedByte(start + 4);
            long correlationId = in.getLong(start + 6);
            in.skipBytes(4);
            discarding = length;
            out.add(new Oversized(correlationId, type, length, maxFrameLength));
            int skip = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(skip);
            discarding -= skip;
            return;
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        int end = in.readerIndex() + (int) length;
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        long correlationId = in.readLong();
        int headerCount = in.readUnsignedShort();
        if (headerCount > MAX_HEADERS) {
            throw new ProtocolException(FaultCode.INVALID_ARGUMENT, headerCount + " headers (at most " + MAX_HEADERS + ")");
        }
        Map<String, String> headers = headerCount == 0 ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < headerCount; i++) {
            int keyLength = readable(in, end, 1) ? in.readUnsignedByte() : -1;
            if (keyLength <= 0 || !readable(in, end, keyLength + 2)) {
                throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "malformed header " + i + " in frame " + correlationId);
            }
            String key = in.readCharSequence(keyLength, StandardCharsets.UTF_8).toString();
            int valueLength = in.readUnsignedShort();
            if (!readable(in, end, valueLength)) {
                throw new ProtocolException(FaultCode.INVALID_ARGUMENT, "malformed header '" + key + "' in frame " + correlationId);
            }
            headers.put(key, in.readCharSequence(valueLength, StandardCharsets.UTF_8).toString());
        }
        byte[] payload = new byte[end - in.readerIndex()];
        in.readBytes(payload);
        out.add(new Frame(type, flags, correlationId, headers, payload));
    }

    private static boolean readable(ByteBuf in, int end, int n) {
        return in.readerIndex() + n <= end;
    }
}
