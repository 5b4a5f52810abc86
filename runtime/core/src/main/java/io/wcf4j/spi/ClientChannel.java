package io.wcf4j.spi;

import io.wcf4j.model.OperationDescription;

/**
 * The client half of a binding: sends one call and returns its result. The typed proxy that
 * {@link io.wcf4j.ChannelFactory} hands out calls this for every contract method.
 *
 * <p>Contract: {@link #invoke} returns the result (null for void and one-way operations), or throws the
 * operation's declared fault rebuilt from the wire, or a {@link io.wcf4j.ServiceException} with the code of
 * the failure (UNAVAILABLE when the service cannot be reached, DEADLINE_EXCEEDED on time-out, the
 * service's code otherwise). Thread-safe; {@link #close()} is called once.
 *
 * @since 0.1
 */
public interface ClientChannel extends AutoCloseable {

    Object invoke(OperationDescription operation, Object[] arguments) throws Exception;

    @Override
    void close();
}
