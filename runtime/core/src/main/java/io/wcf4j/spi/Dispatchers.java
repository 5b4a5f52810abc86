package io.wcf4j.spi;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.internal.DefaultDispatcher;
import io.wcf4j.internal.InstanceProvider;
import io.wcf4j.model.ContractDescription;
import java.util.List;

/**
 * Dispatchers for bindings that serve calls outside a {@link io.wcf4j.ServiceHost}: the client half of a duplex
 * binding runs the service's callbacks through the same pipeline as any call.
 *
 * @since 0.1
 */
public final class Dispatchers {
    private Dispatchers() {
    }

    /** A dispatcher that runs every call of {@code contract} on one object. */
    public static Dispatcher forInstance(String name, ContractDescription contract, Object instance) {
        return new DefaultDispatcher(name, contract, InstanceProvider.forMode(InstanceMode.SINGLE, () -> instance),
                ThrottlingConfig.DEFAULT, List.of());
    }
}
