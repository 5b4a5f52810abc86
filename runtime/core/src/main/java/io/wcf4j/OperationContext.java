package io.wcf4j;

import io.wcf4j.spi.CallbackChannel;
import io.wcf4j.spi.InvocationContext;

/**
 * The call being served, as the service implementation sees it (WCF's {@code OperationContext.Current}):
 * its message context, its session, and the caller's callback channel on duplex bindings.
 *
 * <p>Available on the thread that runs an operation, for the duration of the call.
 *
 * @since 0.1
 */
public final class OperationContext {
    private static final ThreadLocal<OperationContext> CURRENT = new ThreadLocal<>();

    private final InvocationContext invocation;

    private OperationContext(InvocationContext invocation) {
        this.invocation = invocation;
    }

    /**
     * The context of the call running on this thread.
     *
     * @throws IllegalStateException outside a service operation
     */
    public static OperationContext current() {
        OperationContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("no service call is running on this thread");
        }
        return c;
    }

    /** The context of the call running on this thread, if one is. */
    public static java.util.Optional<OperationContext> find() {
        return java.util.Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code body} with {@code invocation} as the current context; for the Dispatcher. */
    public static <T> T runWith(InvocationContext invocation, java.util.concurrent.Callable<T> body) throws Exception {
        OperationContext previous = CURRENT.get();
        CURRENT.set(new OperationContext(invocation));
        try {
            return body.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The call's context: endpoint, metadata, peer, principal, deadline, session. */
    public InvocationContext invocation() {
        return invocation;
    }

    /**
     * Whether the caller cancelled the call while it runs (where its wire can say so: gRPC, net.tcp, net.pipe). A long
     * operation checks it between steps and stops early; its answer is not delivered anyway. Nothing interrupts the
     * operation's thread: an interrupt would close a database connection in the middle of its work.
     */
    public boolean isCancelled() {
        return invocation.isCancelled();
    }

    /**
     * The authenticated caller (WCF's {@code ServiceSecurityContext.PrimaryIdentity}), the same whatever the wire
     * it came over; null while the call is anonymous.
     */
    public java.security.Principal principal() {
        return invocation.principal();
    }

    /** Whether the authenticated caller holds a role; false for an anonymous call. */
    public boolean isCallerInRole(String role) {
        return invocation.isCallerInRole(role);
    }

    /** The caller's session, or null on a sessionless binding. */
    public Session session() {
        return invocation.session();
    }

    /**
     * A proxy of the caller's callback contract.
     *
     * @throws IllegalStateException when the binding carries no callbacks (it is not duplex)
     */
    public <T> T callback(Class<T> callbackContract) {
        CallbackChannel channel = invocation.callbacks();
        if (channel == null) {
            throw new IllegalStateException("binding " + invocation.bindingType()
                    + " is not duplex: callbacks need net-tcp or net-pipe");
        }
        return channel.proxy(callbackContract);
    }
}
