package io.wcf4j.model;

import java.util.List;

/**
 * How a REST binding exposes an operation.
 *
 * @param httpMethod      GET, POST, PUT, DELETE or PATCH
 * @param path            the path template relative to the endpoint address, without a leading slash
 *                        (e.g. {@code accounts/{id}/statement}); empty for the endpoint address itself
 * @param bodyParameters  the parameters carried in the JSON body
 * @param bareBody        true when the one body parameter is a data contract that is itself the body;
 *                        false when the body is a JSON object whose fields are the parameter names
 * @param successStatus   the HTTP status of a successful call
 * @param location        a {@code Location} template relative to the endpoint address, or empty
 * @param explicit        false when the contract has no JAX-RS annotation and the mapping is the default
 *                        {@code POST <operationName>}
 * @since 0.1
 */
public record RestMapping(String httpMethod, String path, List<ParameterDescription> bodyParameters,
                          boolean bareBody, int successStatus, String location, boolean explicit) {
}
