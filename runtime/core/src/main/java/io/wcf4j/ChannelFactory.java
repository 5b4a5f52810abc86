package io.wcf4j;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ClientEndpointConfig;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.internal.ClientPipeline;
import io.wcf4j.internal.ContractProxy;
import io.wcf4j.internal.DefaultDispatcher;
import io.wcf4j.internal.InstanceProvider;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes typed client proxies of a contract for one address and binding (WCF's {@code ChannelFactory<T>}).
 *
 * <pre>{@code
 * try (ChannelFactory<Ledger> factory = ChannelFactory.create(Ledger.class,
 *         "http://localhost:8080/services/ledger", "soap-http")) {
 *     Ledger ledger = factory.createChannel();
 *     Account a = ledger.getAccount(42);
 * }
 * }</pre>
 *
 * <p>A proxy throws the contract's declared faults as themselves and every other failure as a
 * {@link ServiceException} with its {@link FaultCode}, the same on every binding. Every call runs the factory's
 * {@link ClientBehavior}s (after the built-in deadline behavior: the sooner of the send timeout and the time left
 * to the service operation making the call) and then the binding's channel. Callbacks the client serves run the
 * same phased pipeline as a host, with the factory's callback {@link DispatchBehavior}s. Proxies are thread-safe
 * and share the factory's connection resources; closing the factory releases them.
 *
 * @param <T> the contract type
 * @since 0.1
 */
public final class ChannelFactory<T> implements AutoCloseable {
    private final Class<T> contract;
    private final ContractDescription description;
    private final EndpointAddress address;
    private final String bindingType;
    private final Duration sendTimeout;
    private final ClientPipeline pipeline;
    private final ClientChannel channel;
    private final DefaultDispatcher callbackDispatcher;

    private ChannelFactory(Class<T> contract, ContractDescription description, EndpointAddress address, String bindingType,
                           Duration sendTimeout, ClientPipeline pipeline, ClientChannel channel,
                           DefaultDispatcher callbackDispatcher) {
        this.contract = contract;
        this.description = description;
        this.address = address;
        this.bindingType = bindingType;
        this.sendTimeout = sendTimeout;
        this.pipeline = pipeline;
        this.channel = channel;
        this.callbackDispatcher = callbackDispatcher;
    }

    /** A factory for an address and a binding type, with default settings. */
    public static <T> ChannelFactory<T> create(Class<T> contract, String address, String bindingType) {
        return builder(contract).address(address).binding(BindingConfig.of(bindingType)).build();
    }

    /** A factory for a named client endpoint of the configuration ({@code wcf4j.clients.<name>}). */
    public static <T> ChannelFactory<T> create(Class<T> contract, Wcf4jConfig config, String clientEndpoint) {
        return builder(contract).clientEndpoint(config, clientEndpoint).build();
    }

    public static <T> Builder<T> builder(Class<T> contract) {
        return new Builder<>(contract);
    }

    /** A new proxy of the contract. Cheap; all proxies of a factory share its channel. */
    public T createChannel() {
        return contract.cast(ContractProxy.create(description, pipeline, channel, address, bindingType, sendTimeout,
                contract.getSimpleName() + " proxy to " + address));
    }

    /** The address this factory calls. */
    public EndpointAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } finally {
            if (callbackDispatcher != null) {
                callbackDispatcher.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Builds a {@link ChannelFactory}.
     *
     * @param <T> the contract type
     */
    public static final class Builder<T> {
        private final Class<T> contract;
        private String address;
        private String bindingType;
        private final Map<String, Object> settings = new LinkedHashMap<>();
        /** For settings from configuration: the key path each came from, for messages. */
        private final Map<String, String> settingPaths = new LinkedHashMap<>();
        /** The client endpoint configuration applied, for messages; null when configured in code. */
        private String configPath;
        private final List<ClientBehavior> behaviors = new ArrayList<>();
        private final List<DispatchBehavior> callbackBehaviors = new ArrayList<>();
        private BindingRegistry registry;
        private WireTap wireTap;
        private Object callback;

        private Builder(Class<T> contract) {
            this.contract = Objects.requireNonNull(contract, "contract");
        }

        public Builder<T> address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The binding type and settings, as in a binding configuration. */
        public Builder<T> binding(BindingConfig binding) {
            this.bindingType = binding.type();
            this.settings.putAll(binding.settings());
            binding.settings().keySet().forEach(settingPaths::remove);
            return this;
        }

        /** One binding setting, e.g. {@code setting("send-timeout", "5s")}. */
        public Builder<T> setting(String name, Object value) {
            settings.put(name, value);
            settingPaths.remove(name);
            return this;
        }

        /**
         * Everything a named client endpoint of the configuration says (WCF's endpoint configuration name): its
         * address, binding and settings, its credential and its behaviors. Calls made after this one override it.
         * A wrong value fails, at the latest in {@link #build()}, with a {@link ConfigException} naming its key.
         *
         * <pre>{@code
         * Wcf4jConfig config = ConfigLoader.load(Path.of("clients.yml"));
         * try (ChannelFactory<Ledger> factory = ChannelFactory.builder(Ledger.class).clientEndpoint(config, "ledger-tcp").build()) {
         *     ...
         * }
         * }</pre>
         */
        public Builder<T> clientEndpoint(Wcf4jConfig config, String name) {
            ClientEndpointConfig c = config.client(name);
            if (c.contract() != null && !c.contract().equals(contract.getName())) {
                throw new ConfigException(c.path() + ".contract", "names " + c.contract() + ", but this factory makes proxies of "
                        + contract.getName());
            }
            configPath = c.path();
            address(c.address());
            BindingConfig binding = config.bindingFor(c.binding());
            bindingType = binding.type();
            boolean named = config.bindings().containsKey(c.binding());
            binding.settings().forEach((k, v) -> {
                settings.put(k, v);
                settingPaths.put(k, named ? "wcf4j.bindings." + c.binding() : c.path() + ".binding");
            });
            c.settings().forEach((k, v) -> {
                settings.put(k, v);
                settingPaths.put(k, c.path() + ".settings");
            });
            if (c.credentials() != null) {
                behavior(ClientCredentials.of(config.credentials().get(c.credentials())));
            }
            for (int i = 0; i < c.behaviors().size(); i++) {
                behavior(instantiate(c.behaviors().get(i), c.path() + ".behaviors[" + i + "]"));
            }
            return this;
        }

        private ClientBehavior instantiate(String className, String path) {
            Class<?> type;
            try {
                type = Class.forName(className, true, contract.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(path, "no class " + className);
            }
            if (!ClientBehavior.class.isAssignableFrom(type)) {
                throw new ConfigException(path, className + " is not a " + ClientBehavior.class.getName());
            }
            try {
                return (ClientBehavior) type.getConstructor().newInstance();
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new ConfigException(path, className + " needs a public no-argument constructor");
            } catch (ReflectiveOperationException e) {
                throw new ConfigException(path, "cannot create " + className + ": " + e.getCause());
            }
        }

        /** Adds a behavior that every outgoing call of this factory's proxies runs, by its order. */
        public Builder<T> behavior(ClientBehavior behavior) {
            behaviors.add(Objects.requireNonNull(behavior, "behavior"));
            return this;
        }

        /** Adds a behavior to the pipeline that runs the callbacks this client receives (see {@link #callback}). */
        public Builder<T> callbackBehavior(DispatchBehavior behavior) {
            callbackBehaviors.add(Objects.requireNonNull(behavior, "behavior"));
            return this;
        }

        /**
         * The object that serves the service's callbacks, for a contract with a {@code @CallbackContract}
         * (WCF's {@code DuplexChannelFactory}); it must implement the callback contract.
         */
        public Builder<T> callback(Object callbackInstance) {
            ContractDescription cb = ContractDescription.of(contract).callbackContract();
            if (cb == null) {
                throw new IllegalArgumentException(contract.getName() + " declares no @CallbackContract");
            }
            if (!cb.type().isInstance(callbackInstance)) {
                throw new IllegalArgumentException("the callback object must implement " + cb.type().getName());
            }
            this.callback = callbackInstance;
            return this;
        }

        /**
         * Hands {@code tap} every message this client sends and receives, as it was on the wire (a SOAP envelope, a
         * JSON body, a frame's payload): WCF's transport-level message logging, on the client's side. The tap masks
         * what must not be kept; SOAP bindings mask WS-Security passwords before it sees them.
         */
        public Builder<T> wireTap(WireTap tap) {
            this.wireTap = tap;
            return this;
        }

        public Builder<T> registry(BindingRegistry registry) {
            this.registry = registry;
            return this;
        }

        public ChannelFactory<T> build() {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(bindingType, "binding");
            ContractDescription description = ContractDescription.of(contract);
            Binding binding;
            EndpointAddress ea;
            try {
                binding = (registry != null ? registry : BindingRegistry.getDefault()).get(bindingType, "binding");
                ea = EndpointAddress.parse(address);
                if (!binding.schemes().contains(ea.scheme())) {
                    throw new IllegalArgumentException("binding " + bindingType + " does not serve '" + ea.scheme()
                            + ":' addresses (it serves " + binding.schemes() + ")");
                }
            } catch (ConfigException e) {
                if (configPath == null) {
                    throw e;
                }
                throw new ConfigException(configPath + ".binding", e.getMessage().substring(e.path().length() + 2));
            } catch (IllegalArgumentException e) {
                if (configPath == null) {
                    throw e;
                }
                throw new ConfigException(configPath, e.getMessage());
            }
            // a setting from configuration is checked first on its own, so that a bad one names the key it came from
            settingPaths.forEach((name, path) -> BindingSettings.validate(path, binding.settings(), Map.of(name, settings.get(name))));
            BindingSettings validated = BindingSettings.validate("binding " + bindingType, binding.settings(), settings);
            Duration sendTimeout = validated.get(CommonSettings.SEND_TIMEOUT);
            DefaultDispatcher callbacks = null;
            EndpointInfo callbackEndpoint = null;
            if (callback != null) {
                ContractDescription cb = description.callbackContract();
                Object instance = callback;
                // one call at a time, in the order the service sent them: callbacks are notifications in sequence
                callbacks = DefaultDispatcher.serial(cb.name() + "-callback", cb, InstanceProvider.forMode(InstanceMode.SINGLE,
                        () -> instance), 10_000, sendTimeout, callbackBehaviors);
                callbackEndpoint = new EndpointInfo(cb.name(), cb.name() + "-callback", bindingType);
            }
            // the tap is asked once, here, whether it wants this endpoint's messages: a binding only hands them over
            EndpointInfo calledEndpoint = new EndpointInfo(description.name(), ea.toString(), bindingType);
            WireTap tap = wireTap != null && wireTap.isEnabled(calledEndpoint) ? wireTap : null;
            ClientChannel channel;
            try {
                channel = binding.openChannel(new ChannelContext(description, ea, validated, callbacks, callbackEndpoint, tap,
                        tap == null ? null : calledEndpoint));
            } catch (RuntimeException e) {
                if (callbacks != null) {
                    callbacks.shutdown(Duration.ZERO);
                }
                throw e;
            }
            return new ChannelFactory<>(contract, description, ea, bindingType, sendTimeout,
                    new ClientPipeline(behaviors), channel, callbacks);
        }
    }
}
