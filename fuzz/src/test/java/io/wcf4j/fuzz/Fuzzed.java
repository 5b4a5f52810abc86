package io.wcf4j.fuzz;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.util.List;

/**
 * The contract the fuzz targets send hostile input to: every kind of value a data contract may hold, a path and query
 * parameter, a list, a declared fault. No operation is one-way, slow or failing by design, so that every input gets an
 * answer and an INTERNAL error can only be the framework's own.
 */
@WebService(name = "Fuzzed", targetNamespace = "urn:wcf4j:fuzz")
public interface Fuzzed {
    @POST
    @Path("records")
    FuzzRecord echo(@WebParam(name = "record") FuzzRecord record);

    @GET
    @Path("sum")
    long sum(@QueryParam("a") @WebParam(name = "a") long a, @QueryParam("b") @WebParam(name = "b") int b);

    @GET
    @Path("amounts/{amount}")
    BigDecimal scale(@PathParam("amount") @WebParam(name = "amount") BigDecimal amount, @QueryParam("by") @WebParam(name = "by") int by);

    @POST
    @Path("records/batch")
    List<FuzzRecord> batch(@WebParam(name = "records") List<FuzzRecord> records);

    @POST
    @Path("checks")
    String check(@WebParam(name = "code") String code) throws RefusedException;
}
