package io.wcf4j.binding.tcp;

import io.netty.channel.Channel;
import io.wcf4j.Session;
import io.wcf4j.spi.CallbackChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server connection as the service sees it: its {@link Session} (per-session instances live as long as it), and,
 * on a duplex contract, its channel back to the caller ({@link FramedCalls} of CALLBACK frames, wrapped by the host
 * in the {@link CallbackChannel} that runs the host's client behaviors).
 */
final class ConnectionSession implements Session {
    private static final Logger log = LoggerFactory.getLogger(ConnectionSession.class);

    private final String id;
    private final Channel channel;
    private final FramedCalls callbackCalls;
    private final CallbackChannel callbacks;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param callbackCalls the channel back to the caller, or null when the contract has no callbacks
     * @param callbacks     the host's callback channel around it, or null
     */
    ConnectionSession(String id, Channel channel, FramedCalls callbackCalls, CallbackChannel callbacks) {
        this.id = id;
        this.channel = channel;
        this.callbackCalls = callbackCalls;
        this.callbacks = callbacks;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
        if (closed && onClose.remove(action)) {
            action.run();
        }
    }

    /** The calls the service made back to the caller, or null on a contract without callbacks. */
    FramedCalls callbackCalls() {
        return callbackCalls;
    }

    /** What the service reaches through {@code OperationContext.callback}, or null. */
    CallbackChannel callbacks() {
        return callbacks;
    }

    /** The connection ended: fails callbacks still waiting and runs the close actions, once. */
    void closed(io.wcf4j.ServiceException cause) {
        closed = true;
        if (callbackCalls != null) {
            callbackCalls.calls().failAll(cause);
        }
        for (Runnable r : onClose) {
            if (onClose.remove(r)) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("session {}: a close action failed", id, e);
                }
            }
        }
    }
}
