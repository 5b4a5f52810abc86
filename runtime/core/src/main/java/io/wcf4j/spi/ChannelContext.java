package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;

/**
 * What {@link Binding#openChannel} gets: the contract, the address to call, the validated binding settings,
 * and, for a contract with a {@code @CallbackContract}, the object that serves the service's callbacks
 * (null otherwise; a binding that is not duplex ignores it).
 *
 * @since 0.1
 */
public record ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings,
                             Object callbackInstance) {
    public ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings) {
        this(contract, address, settings, null);
    }
}
