package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;

/**
 * What {@link Binding#listen} gets: the endpoint's name and address, the contract, the validated binding
 * settings, the dispatcher to call, and the host's shared resources.
 *
 * @since 0.1
 */
public record ListenContext(String endpointName, EndpointAddress address, ContractDescription contract,
                            BindingSettings settings, Dispatcher dispatcher, HostResources resources) {
}
