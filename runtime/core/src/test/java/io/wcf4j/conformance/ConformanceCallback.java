package io.wcf4j.conformance;

import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** The callback contract of {@link ConformanceDuplex}: what the service calls on its caller. */
@WebService(name = "ConformanceCallback", targetNamespace = "urn:wcf4j:conformance")
public interface ConformanceCallback {
    String pong(@WebParam(name = "text") String text);

    @Oneway
    void notice(@WebParam(name = "text") String text);
}
