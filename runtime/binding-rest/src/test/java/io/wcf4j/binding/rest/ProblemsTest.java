package io.wcf4j.binding.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.FaultCode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every framework code becomes a problem document with its status, and the status maps back to the code (503: see below). */
class ProblemsTest {
    private final ObjectMapper mapper = JsonCodec.newMapper();

    @ParameterizedTest
    @EnumSource(FaultCode.class)
    void everyCodeHasItsStatusAndType(FaultCode code) {
        ObjectNode p = Problems.error(mapper, code, "detail");
        assertThat(p.get("status").asInt()).isEqualTo(code.httpStatus());
        assertThat(p.get("type").asString()).isEqualTo("urn:wcf4j:error:" + code.name());
        assertThat(p.get("code").asString()).isEqualTo(code.name());
        // busy shares 503 with unavailable: a bare 503 reads as UNAVAILABLE, the body's code tells them apart
        assertThat(FaultCode.fromHttpStatus(code.httpStatus()))
                .isEqualTo(code == FaultCode.RESOURCE_EXHAUSTED ? FaultCode.UNAVAILABLE : code);
        try (Response r = Problems.response(mapper, p)) {
            assertThat(r.getStatus()).isEqualTo(code.httpStatus());
            assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(r.getHeaderString("Retry-After")).isEqualTo(code.httpStatus() == 503 ? "1" : null);
        }
    }

    @org.junit.jupiter.api.Test
    void anotherServersRateLimit_readsAsBusy() {
        assertThat(FaultCode.fromHttpStatus(429)).isEqualTo(FaultCode.RESOURCE_EXHAUSTED);
        assertThat(FaultCode.RESOURCE_EXHAUSTED.httpStatus()).isEqualTo(503);
    }
}
