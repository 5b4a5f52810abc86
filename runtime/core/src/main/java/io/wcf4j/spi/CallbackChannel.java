package io.wcf4j.spi;

/**
 * What a duplex binding gives a call so that the service can call the caller back over the same connection.
 *
 * @since 0.1
 */
public interface CallbackChannel {
    /**
     * A proxy of the caller's callback contract. Calls on it send frames to the caller; one-way operations
     * return once sent, others wait for the caller's reply. Failures are {@link io.wcf4j.ServiceException}s
     * (UNAVAILABLE once the caller has gone).
     */
    <T> T proxy(Class<T> callbackContract);
}
