package io.wcf4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The success status of a REST operation and, optionally, the {@code Location} it answers with, e.g.
 * {@code @RestResponse(status = 201, location = "accounts/{id}")} where {@code {id}} is a property of the
 * returned object and the location is relative to the endpoint address.
 *
 * <p>Without it an operation answers 200 with its result, 204 when it returns nothing, and 202 when it is
 * one-way.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RestResponse {
    /** The HTTP status of a successful call, between 200 and 299. */
    int status();

    /** A location template relative to the endpoint address, with {@code {property}} placeholders. */
    String location() default "";
}
