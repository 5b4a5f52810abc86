package io.wcf4j.binding.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Refusal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A duplex client's side of its session: the {@code Connect} stream, opened before the first call (whose id the
 * client's calls then carry), on which the service's callbacks arrive and their answers go back. Callbacks enter the
 * client's callback dispatcher in the order they arrived, from one thread, as on net.tcp. A stream that ends is
 * opened again by the next call (a new session: the service's per-session state starts over).
 */
final class CallbackSession {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSession.class);

    private final ChannelContext context;
    private final ManagedChannel channel;
    private final GrpcMessages messages;
    private final Dispatcher dispatcher;
    private final ExecutorService receiver;
    private io.grpc.ClientCall<Object, Object> stream;
    private CompletableFuture<String> sessionId;

    CallbackSession(ChannelContext context, ManagedChannel channel, GrpcMessages messages) {
        this.context = context;
        this.channel = channel;
        this.messages = messages;
        this.dispatcher = context.callbackDispatcher();
        this.receiver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wcf4j-grpc-callback-" + dispatcher.contract().name());
            t.setDaemon(true);
            return t;
        });
    }

    /** The open session's id, opening the stream first if there is none; waits no later than {@code deadline}. */
    String open(Instant deadline) throws Exception {
        CompletableFuture<String> id;
        synchronized (this) {
            if (sessionId == null) {
                sessionId = new CompletableFuture<>();
                stream = channel.newCall(messages.connect(), CallOptions.DEFAULT);
                stream.start(new Listener(sessionId), new Metadata());
                stream.request(1);
            }
            id = sessionId;
        }
        try {
            return deadline == null ? id.get(30, TimeUnit.SECONDS)
                    : id.get(Deadlines.remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "the callback session did not open before the call's deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ServiceException se ? se
                    : new ServiceException(FaultCode.UNAVAILABLE, "the callback session could not be opened", e.getCause());
        }
    }

    /** The stream's events: the session id in its headers, callbacks as its messages, its end. */
    private final class Listener extends io.grpc.ClientCall.Listener<Object> {
        private final CompletableFuture<String> id;

        Listener(CompletableFuture<String> id) {
            this.id = id;
        }

        @Override
        public void onHeaders(Metadata headers) {
            String given = headers.get(GrpcSession.KEY);
            if (given == null) {
                id.completeExceptionally(new ServiceException(FaultCode.UNAVAILABLE, "the service opened no callback session"));
            } else {
                id.complete(given);
            }
        }

        @Override
        public void onMessage(Object message) {
            receiver.execute(() -> run(message));
            synchronized (CallbackSession.this) {
                if (stream != null) {
                    stream.request(1);
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            id.completeExceptionally(new ServiceException(GrpcStatuses.faultCode(status),
                    "the callback session ended: " + (status.getDescription() == null ? status.getCode() : status.getDescription())));
            LOG.debug("{}: the callback session ended: {}", context.address(), status);
            synchronized (CallbackSession.this) {
                if (sessionId == id) {
                    sessionId = null;   // the next call opens a new one
                    stream = null;
                }
            }
        }
    }

    /** On the receiving thread: dispatches one callback and sends its answer when it has one. */
    private void run(Object message) {
        if (message instanceof GrpcMessages.Unreadable unreadable) {
            LOG.warn("{}: refused a callback: {}", context.address(), unreadable.reason());
            dispatcher.refused(new Refusal(null, InvocationContext.builder(context.callbackEndpoint()).build(),
                    Outcome.error(FaultCode.INVALID_ARGUMENT, unreadable.reason())));
            return;
        }
        GrpcMessages.Callback callback = (GrpcMessages.Callback) message;
        CompletionStage<Outcome> stage;
        try {
            Invocation inv = new Invocation(callback.operation(), callback.arguments(),
                    InvocationContext.builder(context.callbackEndpoint()).metadata(callback.metadata()).build());
            stage = callback.operation().oneWay() ? dispatcher.dispatchOneWay(inv) : dispatcher.dispatch(inv);
        } catch (RuntimeException e) {
            LOG.error("{}: a callback failed before dispatch", context.address(), e);
            stage = CompletableFuture.completedFuture(Outcome.error(FaultCode.INTERNAL, "the client could not take the callback"));
        }
        stage.whenComplete((outcome, never) -> answer(callback, outcome));
    }

    private void answer(GrpcMessages.Callback callback, Outcome outcome) {
        byte[] reply = messages.writeCallbackReply(callback.id(), callback.operation(), outcome);
        synchronized (this) {
            if (stream != null) {
                stream.sendMessage(reply);
            }
        }
    }

    void close() {
        synchronized (this) {
            if (stream != null) {
                stream.cancel("the client closed", null);
                stream = null;
            }
        }
        receiver.shutdownNow();
    }
}
