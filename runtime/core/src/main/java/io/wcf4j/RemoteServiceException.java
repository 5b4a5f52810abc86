package io.wcf4j;

/**
 * A {@link ServiceException} that a client proxy received from, or about, another service. Its message
 * describes that other service (its address, its errors), so a service that lets it escape does not pass the
 * message on: the Dispatcher reports it to its own caller as {@link FaultCode#INTERNAL} with a reference, and
 * logs it.
 *
 * @since 0.1
 */
public final class RemoteServiceException extends ServiceException {
    private static final long serialVersionUID = 1L;

    public RemoteServiceException(ServiceException received) {
        super(received.code(), received.getMessage(), received);
    }
}
