package io.wcf4j.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A declared fault: a checked exception annotated {@code @WebFault} whose fault-info bean carries the
 * typed detail.
 *
 * @param name           the fault's wire name ({@code @WebFault(name)}, else the exception's simple name)
 * @param exceptionType  the exception class
 * @param faultInfoType  the bean returned by {@code getFaultInfo()}
 * @param httpStatus     the status HTTP bindings answer with ({@code @FaultStatus}, else 422)
 * @since 0.1
 */
public record FaultDescription(String name, Class<? extends Exception> exceptionType, Class<?> faultInfoType,
                               int httpStatus, Method faultInfoGetter, Constructor<?> constructor) {

    /** Reads the fault-info bean of a thrown fault. */
    public Object faultInfo(Throwable fault) {
        try {
            return faultInfoGetter.invoke(fault);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read fault info of " + exceptionType.getName(), e);
        }
    }

    /** Builds the exception a client proxy throws, from the message and fault-info bean on the wire. */
    public Exception newException(String message, Object faultInfo) {
        try {
            return (Exception) constructor.newInstance(message, faultInfo);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + exceptionType.getName(), e);
        }
    }
}
