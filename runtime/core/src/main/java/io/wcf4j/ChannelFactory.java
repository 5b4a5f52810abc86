package io.wcf4j;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.EndpointAddress;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
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
 * {@link ServiceException} with its {@link FaultCode}, the same on every binding. Proxies are thread-safe and
 * share the factory's connection resources; closing the factory releases them.
 *
 * @param <T> the contract type
 * @since 0.1
 */
public final class ChannelFactory<T> implements AutoCloseable {
    private final Class<T> contract;
    private final ContractDescription description;
    private final EndpointAddress address;
    private final ClientChannel channel;

    private ChannelFactory(Class<T> contract, EndpointAddress address, ClientChannel channel) {
        this.contract = contract;
        this.description = ContractDescription.of(contract);
        this.address = address;
        this.channel = channel;
    }

    /** A factory for an address and a binding type, with default settings. */
    public static <T> ChannelFactory<T> create(Class<T> contract, String address, String bindingType) {
        return builder(contract).address(address).binding(BindingConfig.of(bindingType)).build();
    }

    public static <T> Builder<T> builder(Class<T> contract) {
        return new Builder<>(contract);
    }

    /** A new proxy of the contract. Cheap; all proxies of a factory share its channel. */
    public T createChannel() {
        InvocationHandler handler = new Handler();
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handler));
    }

    /** The address this factory calls. */
    public EndpointAddress address() {
        return address;
    }

    @Override
    public void close() {
        channel.close();
    }

    private final class Handler implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> contract.getSimpleName() + " proxy to " + address;
                };
            }
            OperationDescription op = description.operation(method).orElseThrow(
                    () -> new IllegalStateException(method + " is not an operation of " + contract.getName()));
            try {
                return channel.invoke(op, args);
            } catch (RemoteServiceException e) {
                throw e;
            } catch (ServiceException e) {
                // marked as received, so that a service calling this one does not hand the message to its own caller
                throw new RemoteServiceException(e);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                if (op.faultFor(e).isPresent()) {
                    throw e;
                }
                throw new RemoteServiceException(new ServiceException(FaultCode.INTERNAL, "binding returned an undeclared "
                        + e.getClass().getName() + ": " + e.getMessage(), e));
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
        private BindingRegistry registry;
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
            return this;
        }

        /** One binding setting, e.g. {@code setting("send-timeout", "5s")}. */
        public Builder<T> setting(String name, Object value) {
            settings.put(name, value);
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

        public Builder<T> registry(BindingRegistry registry) {
            this.registry = registry;
            return this;
        }

        public ChannelFactory<T> build() {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(bindingType, "binding");
            ContractDescription description = ContractDescription.of(contract);
            Binding binding = (registry != null ? registry : BindingRegistry.getDefault()).get(bindingType, "binding");
            EndpointAddress ea = EndpointAddress.parse(address);
            if (!binding.schemes().contains(ea.scheme())) {
                throw new IllegalArgumentException("binding " + bindingType + " does not serve '" + ea.scheme()
                        + ":' addresses (it serves " + binding.schemes() + ")");
            }
            BindingSettings validated = BindingSettings.validate("binding " + bindingType, binding.settings(), settings);
            ClientChannel channel = binding.openChannel(new ChannelContext(description, ea, validated, callback));
            return new ChannelFactory<>(contract, ea, channel);
        }
    }
}
