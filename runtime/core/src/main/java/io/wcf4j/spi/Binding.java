package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.Setting;
import io.wcf4j.model.ContractDescription;
import java.util.List;
import java.util.Set;

/**
 * A binding: one wire (SOAP over HTTP, JSON over HTTP, SOAP over JMS, frames over TCP ...), with a server
 * half ({@link #listen}) and a client half ({@link #openChannel}). This is the only thing a new binding
 * implements. It translates between its wire and {@link Invocation}s and knows nothing else: behaviors,
 * instancing and fault mapping are the {@link Dispatcher}'s.
 *
 * <p>Bindings are found with {@link java.util.ServiceLoader} ({@code META-INF/services/io.wcf4j.spi.Binding});
 * an implementation needs a public no-argument constructor and must be stateless or thread-safe: one
 * instance serves every endpoint of its type. Shared state (an HTTP server, a broker connection) goes in
 * the host's {@link HostResources}.
 *
 * @since 0.1
 */
public interface Binding {

    /** The binding type used in configuration, e.g. {@code soap-http}. */
    String type();

    /** The address schemes this binding serves, e.g. {@code http} and {@code https}. */
    Set<String> schemes();

    /** The settings a binding configuration of this type may set; any other key is a configuration error. */
    List<Setting<?>> settings();

    /** Whether the binding can run here (its libraries are present); an unavailable binding is skipped. */
    default boolean isAvailable() {
        return true;
    }

    /** Among available bindings of the same type, the highest priority wins. */
    default int priority() {
        return 5;
    }

    /**
     * Starts listening on an endpoint. When this returns the endpoint accepts calls and hands each to
     * {@code context.dispatcher()}. Called once per endpoint, from the host's opening thread.
     *
     * @throws Exception if the endpoint cannot listen (port in use, bad address); the host then fails to open
     */
    Listener listen(ListenContext context) throws Exception;

    /**
     * Opens the client half: a channel that sends calls of {@code context.contract()} to an address.
     * The channel is thread-safe and used by many threads at once.
     */
    ClientChannel openChannel(ChannelContext context);

    /**
     * Opens a durable journal of a service's accepted one-way calls in this binding's store, for a service whose
     * behavior names a binding configuration of this type as its {@code one-way-journal}. Called once per service,
     * from the host's opening thread.
     *
     * @param settings the named binding configuration's settings, validated against {@link #settings()}
     * @throws UnsupportedOperationException if this binding has no store to keep calls in (the default)
     */
    default OneWayJournal openOneWayJournal(EndpointInfo service, ContractDescription contract,
                                            BindingSettings settings, HostResources resources) {
        throw new UnsupportedOperationException("binding " + type() + " keeps no journal of one-way calls");
    }
}
