package io.wcf4j.model;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * One operation of a contract.
 *
 * @param name        the operation name ({@code @WebMethod(operationName)}, else the method name)
 * @param method      the contract method
 * @param parameters  the parameters, in method order
 * @param returnType  the result type ({@code void.class} for none)
 * @param oneWay      true for {@code @Oneway}: no reply, no faults, the caller returns once the message is accepted
 * @param faults      the declared faults
 * @since 0.1
 */
public record OperationDescription(String name, Method method, List<ParameterDescription> parameters,
                                   Class<?> returnType, Type genericReturnType, boolean oneWay,
                                   List<FaultDescription> faults) {

    /** The declared fault whose exception type matches {@code thrown}, if any. */
    public Optional<FaultDescription> faultFor(Throwable thrown) {
        for (FaultDescription f : faults) {
            if (f.exceptionType().isInstance(thrown)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The declared fault with this wire name, if any. */
    public Optional<FaultDescription> faultNamed(String faultName) {
        return faults.stream().filter(f -> f.name().equals(faultName)).findFirst();
    }

    /** Whether the operation returns a value. */
    public boolean hasResult() {
        return returnType != void.class && returnType != Void.class;
    }
}
