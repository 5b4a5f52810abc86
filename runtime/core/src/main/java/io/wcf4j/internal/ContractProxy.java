package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.RemoteServiceException;
import io.wcf4j.ServiceException;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.EndpointAddress;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * The typed proxy of a contract, the same for {@link io.wcf4j.ChannelFactory} and for callbacks: each method
 * call becomes a {@link ClientCall} that runs the outbound pipeline and then the binding's channel. Declared
 * faults are thrown as themselves; every other failure as a {@link RemoteServiceException}, so that a service
 * that lets one escape does not hand the other service's message to its own caller.
 */
public final class ContractProxy implements InvocationHandler {
    private final ContractDescription contract;
    private final ClientPipeline pipeline;
    private final ClientChannel channel;
    private final EndpointAddress address;
    private final String bindingType;
    private final Duration sendTimeout;
    private final String description;

    private ContractProxy(ContractDescription contract, ClientPipeline pipeline, ClientChannel channel,
                          EndpointAddress address, String bindingType, Duration sendTimeout, String description) {
        this.contract = contract;
        this.pipeline = pipeline;
        this.channel = channel;
        this.address = address;
        this.bindingType = bindingType;
        this.sendTimeout = sendTimeout;
        this.description = description;
    }

    /**
     * A proxy of the contract's interface whose calls go through {@code pipeline} to {@code channel}.
     *
     * @param description what {@code toString()} says, e.g. "Ledger proxy to net.tcp://..."
     */
    public static Object create(ContractDescription contract, ClientPipeline pipeline, ClientChannel channel,
                                EndpointAddress address, String bindingType, Duration sendTimeout, String description) {
        ContractProxy handler = new ContractProxy(contract, pipeline, channel, address, bindingType, sendTimeout, description);
        Class<?> type = contract.type();
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> description;
            };
        }
        OperationDescription op = contract.operation(method).orElseThrow(
                () -> new IllegalStateException(method + " is not an operation of " + contract.type().getName()));
        ClientCall call = new ClientCall(op, args, address, bindingType, sendTimeout);
        try {
            return pipeline.invoke(call, channel);
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
