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
        OperationDescription failing = c.operation("failDeclared").orElseThrow();
        assertThat(failing.faults()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("ConformanceFault");
            assertThat(f.exceptionType()).isEqualTo(ConformanceFaultException.class);
            assertThat(f.httpStatus()).isEqualTo(409);
        });
        OperationDescription validate = c.operation("validatePositive").orElseThrow();
        assertThat(validate.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("n");
            assertThat(p.type()).isEqualTo(int.class);
        });
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

    /** Its REST mapping is wrong, which is the REST binding's business: the contract model accepts it. */
    @WebService
    interface BadPath {
        @GET
        @Path("items/{id}")
        String get(@PathParam("itemId") @WebParam(name = "id") String id);
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
        assertThatThrownBy(() -> ContractDescription.of(Excluded.class))
                .hasMessageContaining("Excluded.hidden").hasMessageContaining("exclude");
    }

    @Test
    void restAnnotations_areNotTheCoreModelsBusiness() {
        assertThat(ContractDescription.of(BadPath.class).operation("get")).isPresent();
    }
}
