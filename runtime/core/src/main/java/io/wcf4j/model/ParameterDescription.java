package io.wcf4j.model;

import java.lang.reflect.Type;

/**
 * One parameter of an operation.
 *
 * @param index        position in the Java method
 * @param name         the wire name ({@code @WebParam(name)}, else the compiled parameter name)
 * @param type         the Java class
 * @param genericType  the generic type, for collections
 * @since 0.1
 */
public record ParameterDescription(int index, String name, Class<?> type, Type genericType) {
}
