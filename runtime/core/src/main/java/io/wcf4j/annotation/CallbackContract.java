package io.wcf4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the contract that callers of this contract implement, so that the service can call them back
 * over the same connection during or after a call (WCF's {@code CallbackContract}). The callback contract is
 * itself an interface annotated {@code @WebService}. Only duplex-capable bindings ({@code net-tcp},
 * {@code net-pipe}, {@code grpc}) carry callbacks; the service gets a proxy of the caller's callback from
 * {@link io.wcf4j.OperationContext#callback(Class)}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CallbackContract {
    /** The callback contract interface. */
    Class<?> value();
}
