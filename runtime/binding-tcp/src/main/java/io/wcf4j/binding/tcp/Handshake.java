package io.wcf4j.binding.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.wcf4j.FaultCode;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a server connection: the preamble must arrive within the handshake timeout; its path picks the
 * endpoint, which is acknowledged and whose frame decoder (with its size limit) takes over from the preamble
 * decoder; from then on a frame begun must arrive whole within the endpoint's frame timeout. Touched on the
 * connection's event loop only.
 */
final class Handshake {
    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final FramedServer server;
    private final Duration handshakeTimeout;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> frameTimer;
    private volatile boolean accepted;

    Handshake(FramedServer server, Duration handshakeTimeout) {
        this.server = server;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Starts the handshake clock of a new connection. */
    void start(ChannelHandlerContext ctx) {
        handshakeTimer = ctx.executor().schedule(() -> {
            if (!accepted) {
                log.warn("net.tcp/pipe: no preamble from {} within {}; closing", ctx.channel().remoteAddress(), handshakeTimeout);
                ctx.close();
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The endpoint a preamble names. The connection sets itself up for it, then calls {@link #switchToFrames}.
     *
     * @throws ProtocolException if no endpoint serves the path, or the endpoint has its maximum of connections open
     *                           (else the connection counts as one of the endpoint's until it closes)
     */
    FramedEndpoint endpointFor(Preamble p) {
        handshakeTimer.cancel(false);
        FramedEndpoint ep = server.endpoint(p.path());
        if (ep == null) {
            throw new ProtocolException(FaultCode.UNKNOWN_OPERATION, "no endpoint at path '" + p.path()
                    + "' (served here: " + server.describePaths() + ")");
        }
        if (!ep.admitConnection()) {
            throw new ProtocolException(FaultCode.RESOURCE_EXHAUSTED, "server busy: endpoint " + ep.context.endpointName()
                    + " has its max-connections (" + ep.maxConnections + ") open; retry later");
        }
        return ep;
    }

    /**
     * Acknowledges the preamble and puts the endpoint's frame decoder in place. The frames held behind the
     * preamble flow on at once, on this thread: the connection must be ready for them.
     *
     * @param onOverdueFrame told of a frame that did not arrive whole in time
     */
    void switchToFrames(ChannelHandlerContext ctx, FramedEndpoint ep, Consumer<ProtocolException> onOverdueFrame) {
        accepted = true;
        // acknowledge first: the frames held behind the preamble may be answered as soon as the decoders switch
        ctx.writeAndFlush(Frame.of(FrameType.PREAMBLE_ACK, 0, Frame.EMPTY));
        // the endpoint's frame decoder takes over from the preamble decoder, with the bytes it holds
        FrameDecoder frames = new FrameDecoder(ep.maxFrame, ep.frameTimeout.toNanos());
        ctx.pipeline().addAfter("preamble", "frames", frames);
        ctx.pipeline().remove("preamble");
        // from now on the endpoint's idle timeout, not the socket's
        ctx.pipeline().replace("idle", "idle", new IdleStateHandler(0, 0, ep.idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        long period = Math.max(50, ep.frameTimeout.toMillis() / 4);
        frameTimer = ctx.executor().scheduleAtFixedRate(() -> {
            if (frames.partialFrameOverdue()) {
                onOverdueFrame.accept(new ProtocolException(FaultCode.DEADLINE_EXCEEDED, "a frame did not arrive whole within "
                        + ep.frameTimeout.toMillis() + " ms of its first byte"));
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops the clocks (the connection is closing). */
    void stop() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (frameTimer != null) {
            frameTimer.cancel(false);
        }
    }
}
