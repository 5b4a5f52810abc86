package io.wcf4j.spi;

/**
 * What a duplex binding gives a call so that the service can call the caller back over the same connection.
 * Made by the host ({@link ListenContext#callbackChannel}) around the binding's channel for the connection, so
 * that callbacks run the host's {@link ClientBehavior}s as any outgoing call does.
 *
 * @since 0.1
 */
public interface CallbackChannel {
    /**
     * A proxy of the caller's callback contract. Calls on it send to the caller; one-way operations return once
     * the caller accepted them, others wait for its reply. Failures are {@link io.wcf4j.ServiceException}s
     * (UNAVAILABLE once the caller has gone).
     */
    <T> T proxy(Class<T> callbackContract);
}
