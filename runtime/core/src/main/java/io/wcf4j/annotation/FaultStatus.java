package io.wcf4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP status that HTTP bindings answer with when an operation throws this declared fault
 * (a {@code @WebFault} exception). Without it a declared fault answers 422.
 *
 * <p>JAX-RS has no way to say this on an exception type, hence a wcf4j annotation.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FaultStatus {
    /** An HTTP status between 400 and 599. */
    int value();
}
