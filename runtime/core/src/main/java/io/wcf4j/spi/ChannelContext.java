package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;

/**
 * What {@link Binding#openChannel} gets: the contract, the address to call and the validated binding settings.
 *
 * @since 0.1
 */
public record ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings) {
}
