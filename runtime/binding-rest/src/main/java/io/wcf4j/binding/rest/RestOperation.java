package io.wcf4j.binding.rest;

import io.wcf4j.model.OperationDescription;
import java.util.List;

/**
 * How the REST binding exposes one operation.
 *
 * @param operation       the operation in the contract model
 * @param httpMethod      GET, POST, PUT, DELETE or PATCH
 * @param path            the path template relative to the endpoint address, without a leading slash
 *                        (e.g. {@code accounts/{id}/statement}); empty for the endpoint address itself
 * @param parameters      every parameter with its source, in the method's order
 * @param bodyParameters  the parameters carried in the JSON body
 * @param bareBody        true when the one body parameter is a data contract that is itself the body;
 *                        false when the body is a JSON object whose fields are the parameter names
 * @param successStatus   the HTTP status of a successful call
 * @param location        a {@code Location} template relative to the endpoint address, or empty
 * @param explicit        false when the contract has no JAX-RS annotation and the mapping is the default
 *                        {@code POST <operationName>}
 * @since 0.1
 */
public record RestOperation(OperationDescription operation, String httpMethod, String path, List<RestParameter> parameters,
                            List<RestParameter> bodyParameters, boolean bareBody, int successStatus, String location,
                            boolean explicit) {
}
