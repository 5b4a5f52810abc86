package io.wcf4j.binding.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.wcf4j.ServiceException;
import io.wcf4j.fuzz.Fuzzed;
import io.wcf4j.model.ContractDescription;
import java.util.concurrent.TimeUnit;

/**
 * What a net.tcp server reads from a connection, as docs/tcp-framing.md has it: the preamble, then frames, their
 * headers and the CBOR call of each request. Whatever arrives, each decoder either yields its value or refuses with its
 * typed error (a protocol error that closes the connection, or a fault for that call); nothing else may escape.
 */
class NetTcpFramesFuzzTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(Fuzzed.class);
    private static final int MAX_FRAME = 64 * 1024;
    private final PayloadCodec codec = new PayloadCodec();

    @FuzzTest
    void preambleFramesAndCalls(byte[] input) {
        EmbeddedChannel preambles = new EmbeddedChannel(new PreambleDecoder());
        Preamble preamble;
        try {
            preambles.writeInbound(Unpooled.wrappedBuffer(input));
            preamble = preambles.readInbound();
        } catch (DecoderException e) {
            refusedByProtocol(e);
            return;
        } finally {
            finish(preambles);
        }
        if (preamble == null) {
            return;
        }
        // the preamble is its 8 bytes and the path's length, as its header says
        int consumed = 8 + ((input[6] & 0xff) << 8 | input[7] & 0xff);
        EmbeddedChannel frames = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, TimeUnit.SECONDS.toNanos(30)));
        try {
            frames.writeInbound(Unpooled.wrappedBuffer(input, consumed, input.length - consumed));
            for (Object o = frames.readInbound(); o != null; o = frames.readInbound()) {
                if (o instanceof Frame f) {
                    call(f);
                }
            }
        } catch (DecoderException e) {
            refusedByProtocol(e);
        } finally {
            finish(frames);
        }
    }

    /** A frame as the server's connection takes it: its headers as metadata, a call's payload as the call. */
    private void call(Frame f) {
        try {
            FrameMetadata.read(f.headers());
            if (f.type() == FrameType.REQUEST || f.type() == FrameType.ONE_WAY || f.type() == FrameType.CALLBACK) {
                codec.decodeCall(CONTRACT, f.payload());
            }
        } catch (ServiceException refusedForThisCall) {
            // a FAULT for this call, and the connection stays
        }
    }

    /** The connection closes: a decoder may refuse what is left over, with its protocol error too. */
    private static void finish(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (DecoderException e) {
            refusedByProtocol(e);
        }
    }

    /** A decoder's refusal must be the protocol error the connection answers and closes on; anything else escaped. */
    private static void refusedByProtocol(DecoderException e) {
        if (!(e.getCause() instanceof ProtocolException)) {
            throw e;
        }
    }
}
