package io.wcf4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.conformance.ConformanceFaultException;
import io.wcf4j.conformance.ConformanceService;
import jakarta.jws.Oneway;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ContractDescriptionTest {

    @Test
    void modelOfTheConformanceContract() {
        ContractDescription c = ContractDescription.of(ConformanceService.class);
        assertThat(c.name()).isEqualTo("Conformance");
        assertThat(c.namespace()).isEqualTo("urn:wcf4j:conformance");
        OperationDescription fire = c.operation("fireAndForget").orElseThrow();
        assertThat(fire.oneWay()).isTrue();
        assertThat(fire.rest().successStatus()).isEqualTo(202);
        OperationDescription failing = c.operation("failDeclared").orElseThrow();
        assertThat(failing.faults()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("ConformanceFault");
            assertThat(f.exceptionType()).isEqualTo(ConformanceFaultException.class);
            assertThat(f.httpStatus()).isEqualTo(409);
        });
        OperationDescription validate = c.operation("validatePositive").orElseThrow();
        assertThat(validate.rest().httpMethod()).isEqualTo("GET");
        assertThat(validate.rest().path()).isEqualTo("validate/{n}");
        assertThat(validate.parameters().get(0).source()).isEqualTo(ParameterSource.PATH);
        OperationDescription payload = c.operation("echoPayload").orElseThrow();
        assertThat(payload.rest().bareBody()).isTrue();
        assertThat(c.operation("echo").orElseThrow().rest().bareBody()).isFalse();
    }

    interface NotAService {
        String x();
    }

    @WebService
    interface OnewayReturning {
        @Oneway
        String fire(@WebParam(name = "a") String a);
    }

    @WebService
    interface Overloaded {
        String op(@WebParam(name = "a") String a);

        String op(@WebParam(name = "a") String a, @WebParam(name = "b") String b);
    }

    @WebService
    interface UndeclaredChecked {
        String op(@WebParam(name = "a") String a) throws IOException;
    }

    @WebService
    interface BadPath {
        @GET
        @Path("items/{id}")
        String get(@PathParam("itemId") @WebParam(name = "id") String id);
    }

    @WebService
    interface GetWithBody {
        @GET
        @Path("items")
        String get(@WebParam(name = "filter") String filter);
    }

    @WebService
    interface Excluded {
        @WebMethod(exclude = true)
        String hidden(@WebParam(name = "a") String a);
    }

    @Test
    void invalidContracts_areRejectedNamingMethodAndRule() {
        assertThatThrownBy(() -> ContractDescription.of(NotAService.class))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("NotAService")
                .hasMessageContaining("@jakarta.jws.WebService");
        assertThatThrownBy(() -> ContractDescription.of(OnewayReturning.class))
                .hasMessageContaining("OnewayReturning.fire").hasMessageContaining("must return void");
        assertThatThrownBy(() -> ContractDescription.of(Overloaded.class))
                .hasMessageContaining("Overloaded.op").hasMessageContaining("operationName");
        assertThatThrownBy(() -> ContractDescription.of(UndeclaredChecked.class))
                .hasMessageContaining("UndeclaredChecked.op").hasMessageContaining("java.io.IOException")
                .hasMessageContaining("@WebFault");
        assertThatThrownBy(() -> ContractDescription.of(BadPath.class))
                .hasMessageContaining("BadPath.get").hasMessageContaining("itemId");
        assertThatThrownBy(() -> ContractDescription.of(GetWithBody.class))
                .hasMessageContaining("GetWithBody.get").hasMessageContaining("GET cannot carry a body");
        assertThatThrownBy(() -> ContractDescription.of(Excluded.class))
                .hasMessageContaining("Excluded.hidden").hasMessageContaining("exclude");
    }
}
