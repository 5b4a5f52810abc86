package io.wcf4j.spi;

/**
 * The client half of a binding: sends one call with its metadata and returns its result. The typed proxies that
 * {@link io.wcf4j.ChannelFactory} and hosts hand out run the {@link ClientBehavior}s and then call this.
 *
 * <p>Contract: {@link #invoke} sends {@code call.metadata()} in the wire's slots, waits no later than
 * {@code call.deadline()}, records the response metadata with {@link ClientCall#responseMetadata(CallMetadata)},
 * and returns the result (null for void and one-way operations), or throws the operation's declared fault
 * rebuilt from the wire, or a {@link io.wcf4j.ServiceException} with the code of the failure (UNAVAILABLE when the
 * service cannot be reached, DEADLINE_EXCEEDED on time-out, the service's code otherwise). A one-way call returns
 * once the service (or, on a queue, the broker) accepted it; a service's refusal is thrown. Thread-safe;
 * {@link #close()} is called once.
 *
 * @since 0.1
 */
public interface ClientChannel extends AutoCloseable {

    Object invoke(ClientCall call) throws Exception;

    @Override
    void close();
}
