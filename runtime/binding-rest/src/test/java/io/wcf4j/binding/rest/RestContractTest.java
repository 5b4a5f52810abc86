package io.wcf4j.binding.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.InvalidContractException;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.junit.jupiter.api.Test;

/** The REST mapping of a contract, read from its JAX-RS annotations by the REST binding, not by the core model. */
class RestContractTest {

    private static RestOperation op(Class<?> contract, String name) {
        ContractDescription c = ContractDescription.of(contract);
        return RestContract.of(c).operation(c.operation(name).orElseThrow());
    }

    @Test
    void mappingOfTheConformanceContract() {
        assertThat(op(ConformanceService.class, "fireAndForget").successStatus()).isEqualTo(202);
        RestOperation validate = op(ConformanceService.class, "validatePositive");
        assertThat(validate.httpMethod()).isEqualTo("GET");
        assertThat(validate.path()).isEqualTo("validate/{n}");
        assertThat(validate.parameters()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(RestParameter.Source.PATH);
            assertThat(p.restName()).isEqualTo("n");
        });
        assertThat(op(ConformanceService.class, "echoPayload").bareBody()).isTrue();
        assertThat(op(ConformanceService.class, "echo").bareBody()).isFalse();
        assertThat(op(ConformanceService.class, "add").parameters()).extracting(RestParameter::source)
                .containsExactly(RestParameter.Source.QUERY, RestParameter.Source.QUERY);
    }

    @WebService
    interface Unannotated {
        String greet(@WebParam(name = "name") String name);
    }

    @Test
    void anOperationWithoutJaxRsAnnotations_isPostToItsName() {
        RestOperation greet = op(Unannotated.class, "greet");
        assertThat(greet.httpMethod()).isEqualTo("POST");
        assertThat(greet.path()).isEqualTo("greet");
        assertThat(greet.explicit()).isFalse();
        assertThat(greet.successStatus()).isEqualTo(200);
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
    interface Clash {
        @POST
        @Path("x/{a}")
        String one(@PathParam("a") @WebParam(name = "a") String a);

        @POST
        @Path("x/{b}")
        String two(@PathParam("b") @WebParam(name = "b") String b);
    }

    @Test
    void invalidMappings_areRejectedNamingMethodAndRule() {
        assertThatThrownBy(() -> RestContract.of(ContractDescription.of(BadPath.class)))
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("BadPath.get").hasMessageContaining("itemId");
        assertThatThrownBy(() -> RestContract.of(ContractDescription.of(GetWithBody.class)))
                .hasMessageContaining("GetWithBody.get").hasMessageContaining("GET cannot carry a body");
        assertThatThrownBy(() -> RestContract.of(ContractDescription.of(Clash.class)))
                .hasMessageContaining("REST route 'POST x/{}'");
    }
}
