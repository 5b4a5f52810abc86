package io.wcf4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Service-wide behavior declared on the implementation class (WCF's {@code [ServiceBehavior]}).
 * A behavior in configuration that sets the same value wins over the annotation.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceBehavior {
    /** How instances of the implementation are created. */
    InstanceMode instancing() default InstanceMode.PER_CALL;
}
