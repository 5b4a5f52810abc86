package io.wcf4j.spi;

import io.wcf4j.model.OperationDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One outgoing call as the {@link ClientBehavior}s and then the binding's {@link ClientChannel} see it: the
 * operation, its arguments, where it goes, and the {@link CallMetadata} to send with it, which behaviors fill in
 * (the built-in deadline behavior always sets the deadline). After the call the channel records the response
 * metadata it received.
 *
 * <p>One instance per call, used by one thread at a time; not thread-safe.
 *
 * @since 0.1
 */
public final class ClientCall {
    private final OperationDescription operation;
    private final Object[] arguments;
    private final EndpointAddress address;
    private final String bindingType;
    private final Duration sendTimeout;
    private final CallMetadata.Builder metadata = CallMetadata.builder();
    private Duration timeout;
    private CallMetadata responseMetadata = CallMetadata.EMPTY;

    /**
     * @param sendTimeout the channel's configured {@code send-timeout}, the longest a call may take
     */
    public ClientCall(OperationDescription operation, Object[] arguments, EndpointAddress address, String bindingType,
                      Duration sendTimeout) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.arguments = arguments == null ? new Object[0] : arguments;
        this.address = Objects.requireNonNull(address, "address");
        this.bindingType = Objects.requireNonNull(bindingType, "bindingType");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        this.timeout = sendTimeout;
    }

    public OperationDescription operation() {
        return operation;
    }

    /** The arguments, in the contract method's order. */
    public Object[] arguments() {
        return arguments;
    }

    /**
     * Where the call goes. For a callback: the address of the endpoint the caller connected to, since the callback
     * travels back over that connection.
     */
    public EndpointAddress address() {
        return address;
    }

    public String bindingType() {
        return bindingType;
    }

    /** The channel's configured send timeout. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** The metadata to send; behaviors add to it. */
    public CallMetadata.Builder metadata() {
        return metadata;
    }

    /** When the caller stops waiting, or null before the deadline behavior ran. */
    public Instant deadline() {
        return metadata.deadline();
    }

    /** Sets the deadline; the time from now to it becomes the call's {@link #timeout()}. */
    public void deadline(Instant deadline) {
        metadata.deadline(Objects.requireNonNull(deadline, "deadline"));
        this.timeout = Duration.between(Instant.now(), deadline);
    }

    /** How long the call was given when its deadline was set, for messages ("no reply within ..."). */
    public Duration timeout() {
        return timeout;
    }

    /** The time left before the deadline (negative once passed); the send timeout when there is no deadline. */
    public Duration timeRemaining() {
        Instant d = metadata.deadline();
        return d == null ? sendTimeout : Duration.between(Instant.now(), d);
    }

    /** The metadata that came back with the reply or fault; empty until the channel sets it. */
    public CallMetadata responseMetadata() {
        return responseMetadata;
    }

    /** For channels: records the metadata that came back. */
    public void responseMetadata(CallMetadata metadata) {
        this.responseMetadata = Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public String toString() {
        return "ClientCall[" + operation.name() + " to " + address + "]";
    }
}
