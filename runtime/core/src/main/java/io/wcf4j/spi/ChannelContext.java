package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;

/**
 * What {@link Binding#openChannel} gets: the contract, the address to call, the validated binding settings, and,
 * for a contract with a {@code @CallbackContract} whose client serves callbacks, the dispatcher that runs them
 * (the same phased pipeline a host runs, over the client's callback object) and the endpoint they are reported
 * as arriving on. A binding that is not duplex ignores the last two.
 *
 * @param callbackDispatcher null when the client serves no callbacks
 * @param callbackEndpoint   null when the client serves no callbacks
 * @since 0.1
 */
public record ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings,
                             Dispatcher callbackDispatcher, EndpointInfo callbackEndpoint) {
    /** A context for a client that serves no callbacks. */
    public ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings) {
        this(contract, address, settings, null, null);
    }
}
