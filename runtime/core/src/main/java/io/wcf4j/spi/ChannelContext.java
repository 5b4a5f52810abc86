package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.model.ContractDescription;

/**
 * What {@link Binding#openChannel} gets: the contract, the address to call, the validated binding settings, and,
 * for a contract with a {@code @CallbackContract} whose client serves callbacks, the dispatcher that runs them
 * (the same phased pipeline a host runs, over the client's callback object) and the endpoint they are reported
 * as arriving on. A binding that is not duplex ignores those two. When the client asked for its messages as they
 * were on the wire, {@code wireTap} gets them: the binding hands it every request it sends and every reply it
 * receives, as {@link WireTap} describes, reported as from {@code calledEndpoint}.
 *
 * @param callbackDispatcher null when the client serves no callbacks
 * @param callbackEndpoint   null when the client serves no callbacks
 * @param wireTap            null when the client's messages are not wanted (it has already said it wants this
 *                           endpoint's)
 * @param calledEndpoint     the endpoint this channel calls, as the wire tap's messages name it: the contract, the
 *                           address, the binding type; null without a wire tap
 * @since 0.1
 */
public record ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings,
                             Dispatcher callbackDispatcher, EndpointInfo callbackEndpoint, WireTap wireTap,
                             EndpointInfo calledEndpoint) {
    /** A context for a client that serves no callbacks. */
    public ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings) {
        this(contract, address, settings, null, null, null, null);
    }

    /** A context without a wire tap. */
    public ChannelContext(ContractDescription contract, EndpointAddress address, BindingSettings settings,
                          Dispatcher callbackDispatcher, EndpointInfo callbackEndpoint) {
        this(contract, address, settings, callbackDispatcher, callbackEndpoint, null, null);
    }
}
