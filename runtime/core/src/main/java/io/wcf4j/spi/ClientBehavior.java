package io.wcf4j.spi;

/**
 * A behavior in the outbound pipeline: {@link io.wcf4j.ChannelFactory} proxies and the callback proxies a host
 * gives its services run an ordered chain of these once per outgoing call, on every binding, before handing the
 * call and its metadata to the binding's {@link ClientChannel}. Used to send credentials, a trace context, a
 * transaction context, and to measure calls.
 *
 * <p>Behaviors run by {@link #order()}, lower first (further out); the built-in deadline behavior runs first
 * ({@link Integer#MIN_VALUE}): it sets the deadline to the sooner of the send timeout and the time left to the
 * service operation this call is made from, if any.
 *
 * <p>Implementations must be thread-safe: one instance serves every call of its channel factory or host.
 *
 * @since 0.1
 */
public interface ClientBehavior {

    /** The position in the chain; lower runs first (further out). */
    default int order() {
        return 0;
    }

    /**
     * Handles one outgoing call.
     *
     * @return the result of {@code next.proceed(call)}, or another value of the operation's type
     * @throws Exception the declared fault or {@link io.wcf4j.ServiceException} the call failed with, or one of
     *                   the behavior's own (to refuse sending)
     */
    Object invoke(ClientCall call, Next next) throws Exception;

    /** The rest of the outbound pipeline, ending at the binding's channel. */
    @FunctionalInterface
    interface Next {
        Object proceed(ClientCall call) throws Exception;
    }
}
