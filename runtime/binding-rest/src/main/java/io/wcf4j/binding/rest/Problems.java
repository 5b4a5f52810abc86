package io.wcf4j.binding.rest;

import io.wcf4j.FaultCode;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.spi.CallMetadata;
import jakarta.ws.rs.core.Response;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where faults become RFC 9457 {@code application/problem+json} documents: a declared fault
 * as {@code type: urn:wcf4j:fault:<Name>} with its status and fault-info bean under {@code fault}; a
 * framework error as {@code type: urn:wcf4j:error:<CODE>} with the code's status and {@code code}.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String FAULT_TYPE_PREFIX = "urn:wcf4j:fault:";
    static final String ERROR_TYPE_PREFIX = "urn:wcf4j:error:";
    /** What a 503 (busy, stopping) tells its caller to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    static ObjectNode error(ObjectMapper mapper, FaultCode code, String detail) {
        ObjectNode p = mapper.createObjectNode();
        p.put("type", ERROR_TYPE_PREFIX + code.name());
        p.put("title", code.title());
        p.put("status", code.httpStatus());
        p.put("detail", detail);
        p.put("code", code.name());
        return p;
    }

    static ObjectNode fault(ObjectMapper mapper, FaultDescription fd, Exception fault) {
        ObjectNode p = mapper.createObjectNode();
        p.put("type", FAULT_TYPE_PREFIX + fd.name());
        p.put("title", fd.name());
        p.put("status", fd.httpStatus());
        p.put("detail", fault.getMessage());
        p.set("fault", mapper.valueToTree(fd.faultInfo(fault)));
        return p;
    }

    static Response response(ObjectMapper mapper, ObjectNode problem) {
        return response(mapper, problem, CallMetadata.EMPTY);
    }

    /** The problem response, with the call's response metadata as headers. */
    static Response response(ObjectMapper mapper, ObjectNode problem, CallMetadata metadata) {
        try {
            int status = problem.get("status").asInt();
            Response.ResponseBuilder b = Response.status(status).type(MEDIA_TYPE).entity(mapper.writeValueAsBytes(problem));
            HttpMetadataCodec.write(metadata, b::header);
            if (status == 503) {
                // busy or stopping: worth trying again soon (RFC 9110 §10.2.3), not at once
                b.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            return b.build();
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
