package io.wcf4j.binding.rest;

import io.wcf4j.FaultCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import tools.jackson.databind.ObjectMapper;

/** Jersey's own refusals (no such path, method not allowed, unsupported media type) as problem documents. */
final class ProblemExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private final ObjectMapper mapper;

    ProblemExceptionMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        FaultCode code = status == 404 || status == 405 ? FaultCode.UNKNOWN_OPERATION : FaultCode.fromHttpStatus(status);
        String detail = switch (status) {
            case 404 -> "no operation at this path; see the OpenAPI document";
            case 405 -> "no operation for this HTTP method at this path";
            case 406 -> "this endpoint answers application/json only";
            case 415 -> "request body must be application/json";
            default -> code.title();
        };
        var problem = Problems.error(mapper, code, detail);
        problem.put("status", status);
        return Problems.response(mapper, problem);
    }
}
