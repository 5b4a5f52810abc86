package ${package};

import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The contract: what callers see on every binding. */
@WebService(name = "${serviceName}", targetNamespace = "${namespace}")
public interface ${serviceName} {
    @GET
    @Path("greetings/{name}")
    Greeting greet(@PathParam("name") @WebParam(name = "name") String name) throws NoGreetingException;
}
