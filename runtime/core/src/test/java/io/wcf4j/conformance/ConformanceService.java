package io.wcf4j.conformance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** The conformance suite's own contract: one operation per thing a binding must carry. */
@WebService(name = "Conformance", targetNamespace = "urn:wcf4j:conformance")
public interface ConformanceService {

    @POST
    @Path("echo")
    String echo(@WebParam(name = "text") String text);

    @GET
    @Path("add")
    int add(@QueryParam("a") @WebParam(name = "a") int a, @QueryParam("b") @WebParam(name = "b") int b);

    @POST
    @Path("payloads")
    Payload echoPayload(@WebParam(name = "payload") Payload payload);

    @Oneway
    @POST
    @Path("fire")
    void fireAndForget(@WebParam(name = "token") String token);

    @POST
    @Path("fail/declared")
    String failDeclared(@WebParam(name = "code") String code) throws ConformanceFaultException;

    @POST
    @Path("fail/undeclared")
    String failUndeclared(@WebParam(name = "secret") String secret);

    @GET
    @Path("validate/{n}")
    int validatePositive(@PathParam("n") @WebParam(name = "n") int n);

    @POST
    @Path("slow")
    String slow(@WebParam(name = "millis") long millis);

    /** What the service saw of this call: endpoint, binding, peer, principal, deadline, one metadata value. */
    @POST
    @Path("call-info")
    CallInfo callInfo(@WebParam(name = "metadataKey") String metadataKey);

    /** Calls {@link #callInfo} on the service's downstream proxy and returns the time left it saw there. */
    @POST
    @Path("relay")
    long relayRemainingMillis();

    /** The name of the authenticated caller as the service sees it; any authenticated caller. */
    @RolesAllowed("**")
    @POST
    @Path("whoami")
    String whoAmI();

    /** Echoes its text, for callers in role {@link ConformanceSecurity#ADMIN} only. */
    @RolesAllowed(ConformanceSecurity.ADMIN)
    @POST
    @Path("admin")
    String adminEcho(@WebParam(name = "text") String text);
}
