package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Binding#listen} gets: the endpoint (service, name, binding type), its address, the contract, the
 * validated binding settings, the dispatcher to call, the host's shared resources, and, for a duplex binding,
 * the way to turn its channel back to a caller into the {@link CallbackChannel} the service sees.
 *
 * @since 0.1
 */
public final class ListenContext {
    private final EndpointInfo endpoint;
    private final EndpointAddress address;
    private final ContractDescription contract;
    private final BindingSettings settings;
    private final Dispatcher dispatcher;
    private final HostResources resources;
    private final Function<ClientChannel, CallbackChannel> callbackChannels;

    public ListenContext(EndpointInfo endpoint, EndpointAddress address, ContractDescription contract,
                         BindingSettings settings, Dispatcher dispatcher, HostResources resources,
                         Function<ClientChannel, CallbackChannel> callbackChannels) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.address = Objects.requireNonNull(address, "address");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.callbackChannels = Objects.requireNonNull(callbackChannels, "callbackChannels");
    }

    /** The endpoint being opened; every {@link InvocationContext} of its calls starts from it. */
    public EndpointInfo endpoint() {
        return endpoint;
    }

    /** The endpoint's name, e.g. {@code ledger-soap12}. */
    public String endpointName() {
        return endpoint.name();
    }

    public EndpointAddress address() {
        return address;
    }

    public ContractDescription contract() {
        return contract;
    }

    public BindingSettings settings() {
        return settings;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public HostResources resources() {
        return resources;
    }

    /** Starts the context of a call received on this endpoint. */
    public InvocationContext.Builder newContext() {
        return InvocationContext.builder(endpoint);
    }

    /**
     * The callback channel a duplex binding hands its calls: proxies of the contract's callback contract whose
     * calls run the host's {@link ClientBehavior}s and then {@code channel}, the binding's channel back to one
     * caller.
     */
    public CallbackChannel callbackChannel(ClientChannel channel) {
        return callbackChannels.apply(channel);
    }
}
