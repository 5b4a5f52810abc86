package io.wcf4j.binding.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.Session;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.CallbackChannel;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-side connection: checks the preamble, then turns each REQUEST or ONE_WAY frame into an
 * {@link Invocation} run through the Dispatcher on the endpoint's worker pool (never on the event loop),
 * and writes the REPLY or FAULT. Also answers PING and METADATA, honours CANCEL and CLOSE, carries the
 * service's callbacks to the caller, and closes the connection on a protocol error, with a FAULT first
 * when the peer can still read one.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter implements Session, CallbackChannel {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final FramedServer server;
    private final Duration handshakeTimeout;
    private final PayloadCodec codec = new PayloadCodec();
    private final ConnectionCalls callbacks = new ConnectionCalls(codec, true);
    private volatile FramedEndpoint endpoint;
    private volatile ListenContext context;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile ChannelHandlerContext ctx;
    private volatile boolean accepted;
    private volatile boolean closing;
    private volatile boolean closed;
    private boolean broken;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> frameTimer;
    private String id;

    ServerConnection(FramedServer server, Duration handshakeTimeout) {
        this.server = server;
        this.handshakeTimeout = handshakeTimeout;
    }

    private String name() {
        return context != null ? context.endpointName() : "net.tcp/pipe";
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        this.id = "conn-" + ctx.channel().id().asShortText();
        handshakeTimer = ctx.executor().schedule(() -> {
            if (!accepted) {
                log.warn("{}: no preamble from {} within {}; closing", name(), ctx.channel().remoteAddress(), handshakeTimeout);
                ctx.close();
            }
        }, handshakeTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (broken) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Preamble p) {
            onPreamble(p);
        } else if (msg instanceof FrameDecoder.Oversized o) {
            log.warn("{}: refused a {}-byte frame from {} (limit {})", name(), o.length(),
                    ctx.channel().remoteAddress(), o.limit());
            fault(o.correlationId(), FaultCode.MESSAGE_TOO_LARGE, "message of " + o.length()
                    + " bytes is over the limit of " + o.limit() + " bytes");
        } else if (msg instanceof Frame f) {
            onFrame(f);
        } else {
            // nothing else is expected here; a buffer must still be released
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void onPreamble(Preamble p) {
        handshakeTimer.cancel(false);
        FramedEndpoint ep = server.endpoint(p.path());
        if (ep == null) {
            throw new ProtocolException(FaultCode.UNKNOWN_OPERATION, "no endpoint at path '" + p.path()
                    + "' (served here: " + server.describePaths() + ")");
        }
        endpoint = ep;
        context = ep.context;
        id = ep.bindingType + "-" + ctx.channel().id().asShortText();
        ep.connections.add(ctx.channel());
        accepted = true;
        // acknowledge first: the frames held behind the preamble may be answered as soon as the decoders switch
        ctx.writeAndFlush(Frame.of(FrameType.PREAMBLE_ACK, 0, Frame.EMPTY));
        // the endpoint's frame decoder takes over from the preamble decoder, with the bytes it holds
        FrameDecoder frames = new FrameDecoder(ep.maxFrame, ep.frameTimeout.toNanos());
        ctx.pipeline().addAfter("preamble", "frames", frames);
        ctx.pipeline().remove("preamble");
        long period = Math.max(50, ep.frameTimeout.toMillis() / 4);
        frameTimer = ctx.executor().scheduleAtFixedRate(() -> {
            if (frames.partialFrameOverdue()) {
                exceptionCaught(ctx, new ProtocolException(FaultCode.DEADLINE_EXCEEDED, "a frame did not arrive whole within "
                        + ep.frameTimeout.toMillis() + " ms of its first byte"));
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void onFrame(Frame f) {
        FrameType type = f.type();
        if (type == null) {
            fault(f.correlationId(), FaultCode.INVALID_ARGUMENT, "unknown frame type 0x" + Integer.toHexString(f.typeCode()));
            return;
        }
        switch (type) {
            case REQUEST, ONE_WAY -> onCall(f, type == FrameType.ONE_WAY);
            case PING -> {
                if (!f.isResponse()) {
                    ctx.writeAndFlush(f.response(Frame.EMPTY));
                }
            }
            case METADATA -> ctx.writeAndFlush(f.response(endpoint.metadata));
            case CANCEL -> {
                // only a call still running can be cancelled; anything else would only grow the set
                if (running.contains(f.correlationId())) {
                    cancelled.add(f.correlationId());
                }
            }
            case CLOSE -> {
                closing = true;
                if (inFlight.get() == 0) {
                    ctx.close();
                }
            }
            case REPLY, FAULT -> {
                if (!callbacks.isOurs(f.correlationId()) || !callbacks.complete(f)) {
                    log.debug("{}: answer to unknown callback {}", context.endpointName(), f.correlationId());
                }
            }
            default -> fault(f.correlationId(), FaultCode.INVALID_ARGUMENT, "a client may not send " + type + " frames");
        }
    }

    /** Reading paused because one-way calls reached the per-connection limit (touched on the event loop). */
    private volatile boolean pausedByCalls;

    private void onCall(Frame f, boolean oneWay) {
        if (closing) {
            fault(f.correlationId(), FaultCode.UNAVAILABLE, "connection is closing");
            return;
        }
        if (inFlight.incrementAndGet() > endpoint.maxCallsPerConnection) {
            if (!oneWay) {
                inFlight.decrementAndGet();
                fault(f.correlationId(), FaultCode.RESOURCE_EXHAUSTED, "server busy: more than "
                        + endpoint.maxCallsPerConnection + " calls running on this connection");
                return;
            }
            // a refused one-way call would be lost (its sender is not waiting for an answer): take it, and read
            // nothing more from this connection until its calls drop below the limit, so TCP slows the sender
            pausedByCalls = true;
            ctx.channel().config().setAutoRead(false);
        }
        running.add(f.correlationId());
        try {
            endpoint.workers.execute(() -> {
                try {
                    runCall(f, oneWay);
                } finally {
                    running.remove(f.correlationId());
                    cancelled.remove(f.correlationId());
                    int left = inFlight.decrementAndGet();
                    if (left == 0 && closing) {
                        ctx.close();
                    }
                    if (pausedByCalls && left < endpoint.maxCallsPerConnection) {
                        ctx.channel().eventLoop().execute(this::resumeReadingAfterCalls);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(f.correlationId());
            inFlight.decrementAndGet();
            // a pause this call set must not outlive it (we are on the event loop)
            resumeReadingAfterCalls();
            fault(f.correlationId(), FaultCode.RESOURCE_EXHAUSTED, "server busy: worker queue full; retry later");
        }
    }

    private void runCall(Frame f, boolean oneWay) {
        long cid = f.correlationId();
        Instant deadline = null;
        Outcome outcome;
        try {
            deadline = Deadlines.fromTimeoutHeader(f.headers().get("deadline"));
            PayloadCodec.Call call = codec.decodeCall(context.contract(), f.payload());
            InvocationContext.Builder b = InvocationContext.builder().bindingType(endpoint.bindingType)
                    .session(this).deadline(deadline).remoteAddress(String.valueOf(ctx.channel().remoteAddress()));
            if (context.contract().callbackContract() != null) {
                b.callbacks(this);
            }
            for (Map.Entry<String, String> h : f.headers().entrySet()) {
                b.header(h.getKey(), List.of(h.getValue()));
            }
            Invocation inv = new Invocation(call.operation(), call.arguments(), b.build());
            outcome = oneWay ? context.dispatcher().dispatchOneWay(inv) : context.dispatcher().dispatch(inv);
        } catch (ServiceException e) {
            log.warn("{}: refused call {} from {}: {}", context.endpointName(), cid, ctx.channel().remoteAddress(), e.getMessage());
            outcome = Outcome.error(e.code(), e.getMessage());
        }
        if (oneWay && outcome.kind() == Outcome.Kind.VALUE) {
            return;
        }
        if (cancelled.remove(cid)) {
            return; // the caller gave up; its reply would be noise
        }
        if (deadline != null && Instant.now().isAfter(deadline)) {
            log.debug("{}: dropped the reply to call {}: its deadline passed", context.endpointName(), cid);
            return;
        }
        ctx.writeAndFlush(replyFrame(codec, cid, outcome, name()));
    }

    /** The REPLY or FAULT frame for an outcome; a result that cannot be encoded still gets an answer. */
    static Frame replyFrame(PayloadCodec codec, long cid, Outcome outcome, String where) {
        try {
            return switch (outcome.kind()) {
                case VALUE -> Frame.of(FrameType.REPLY, cid, codec.encodeValue(outcome.value()));
                case FAULT -> Frame.of(FrameType.FAULT, cid, codec.encodeFault(outcome.faultDescription(), outcome.fault()));
                case ERROR -> Frame.of(FrameType.FAULT, cid, codec.encodeError(outcome.errorCode(), outcome.errorMessage()));
            };
        } catch (RuntimeException e) {
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            log.error("{}: cannot encode the answer to call {} (reference {})", where, cid, reference, e);
            return Frame.of(FrameType.FAULT, cid, codec.encodeError(FaultCode.INTERNAL, "internal error (reference " + reference + ")"));
        }
    }

    private void fault(long correlationId, FaultCode code, String message) {
        ctx.writeAndFlush(Frame.of(FrameType.FAULT, correlationId, codec.encodeError(code, message)));
    }

    /** A peer that does not read its replies stops being read: its replies must not pile up in memory. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!broken) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable() && !pausedByCalls);
        }
        super.channelWritabilityChanged(ctx);
    }

    /** On the event loop: reading resumes once the one-way calls that paused it are below the limit. */
    private void resumeReadingAfterCalls() {
        if (pausedByCalls && inFlight.get() < endpoint.maxCallsPerConnection) {
            pausedByCalls = false;
            if (!broken) {
                ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("{}: closing idle connection from {}", name(), ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (broken) {
            return; // the connection is already going down; later bytes add nothing
        }
        broken = true;
        // read nothing more: the stream cannot be framed any longer, and the connection is closing
        ctx.channel().config().setAutoRead(false);
        if (c instanceof ProtocolException p) {
            log.warn("{}: protocol error from {}: {}; closing the connection", name(),
                    ctx.channel().remoteAddress(), p.getMessage());
            ctx.writeAndFlush(Frame.of(FrameType.FAULT, 0, codec.encodeError(p.code, p.getMessage())))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else if (c instanceof IOException) {
            log.debug("{}: connection from {} failed: {}", name(), ctx.channel().remoteAddress(), c.toString());
            ctx.close();
        } else {
            log.warn("{}: closing connection from {} after an unexpected error", name(),
                    ctx.channel().remoteAddress(), c);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (frameTimer != null) {
            frameTimer.cancel(false);
        }
        callbacks.failAll(new ServiceException(FaultCode.UNAVAILABLE, "the caller has disconnected"));
        for (Runnable r : onClose) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("{}: a session close action failed", name(), e);
            }
        }
        if (context != null) {
            context.dispatcher().sessionClosed(id);
        }
        super.channelInactive(ctx);
    }

    // --- Session -----------------------------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return !closed && ctx != null && ctx.channel().isActive();
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
        if (closed && onClose.remove(action)) {
            action.run();
        }
    }

    // --- CallbackChannel ---------------------------------------------------------------------------------

    @Override
    public <T> T proxy(Class<T> callbackContract) {
        ContractDescription cb = context.contract().callbackContract();
        if (cb == null || cb.type() != callbackContract) {
            throw new IllegalStateException("contract " + context.contract().name() + " declares "
                    + (cb == null ? "no callback contract" : "callback contract " + cb.type().getName()));
        }
        return callbacks.proxy(callbackContract, cb, ctx.channel(), FrameType.CALLBACK, endpoint.callbackTimeout, endpoint.maxFrame);
    }
}
