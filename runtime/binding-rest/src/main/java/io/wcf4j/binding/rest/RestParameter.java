package io.wcf4j.binding.rest;

import io.wcf4j.model.ParameterDescription;

/**
 * Where the REST binding takes one parameter from, per the contract's JAX-RS annotations.
 *
 * @param parameter the parameter in the contract model
 * @param source    the path, the query, a header, or the JSON body
 * @param restName  the path variable, query or header name ({@code @PathParam} ...), or the body field name
 * @since 0.1
 */
public record RestParameter(ParameterDescription parameter, Source source, String restName) {
    /** Where a parameter comes from. */
    public enum Source { BODY, PATH, QUERY, HEADER }

    public int index() {
        return parameter.index();
    }

    public String name() {
        return parameter.name();
    }

    public Class<?> type() {
        return parameter.type();
    }

    public java.lang.reflect.Type genericType() {
        return parameter.genericType();
    }
}
