package io.wcf4j.conformance;

import io.wcf4j.annotation.CallbackContract;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** The suite's duplex contract, for bindings that carry callbacks. */
@WebService(name = "ConformanceDuplex", targetNamespace = "urn:wcf4j:conformance")
@CallbackContract(ConformanceCallback.class)
public interface ConformanceDuplex {
    /** Calls the caller back: {@code notice(text)} one-way, then {@code pong(text)}, whose answer it returns. */
    String ping(@WebParam(name = "text") String text);
}
