package io.wcf4j.internal;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.CallbackChannel;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.EndpointAddress;
import java.time.Duration;

/**
 * The callback channel of one duplex connection: proxies of the endpoint's callback contract whose calls run the
 * host's outbound pipeline and then the binding's channel for that connection.
 */
public final class HostCallbackChannel implements CallbackChannel {
    private final ContractDescription contract;
    private final ClientPipeline pipeline;
    private final ClientChannel channel;
    private final EndpointAddress address;
    private final String bindingType;
    private final Duration sendTimeout;
    private final String peer;

    /**
     * @param contract the service contract (whose callback contract the proxies implement)
     * @param peer     who is called back, for {@code toString()}
     */
    public HostCallbackChannel(ContractDescription contract, ClientPipeline pipeline, ClientChannel channel,
                               EndpointAddress address, String bindingType, Duration sendTimeout, String peer) {
        this.contract = contract;
        this.pipeline = pipeline;
        this.channel = channel;
        this.address = address;
        this.bindingType = bindingType;
        this.sendTimeout = sendTimeout;
        this.peer = peer;
    }

    @Override
    public <T> T proxy(Class<T> callbackContract) {
        ContractDescription cb = contract.callbackContract();
        if (cb == null || cb.type() != callbackContract) {
            throw new IllegalStateException("contract " + contract.name() + " declares "
                    + (cb == null ? "no callback contract" : "callback contract " + cb.type().getName()));
        }
        return callbackContract.cast(ContractProxy.create(cb, pipeline, channel, address, bindingType, sendTimeout,
                callbackContract.getSimpleName() + " callback to " + peer));
    }
}
