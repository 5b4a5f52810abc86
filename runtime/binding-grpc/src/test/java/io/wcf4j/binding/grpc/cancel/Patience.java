package io.wcf4j.binding.grpc.cancel;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** A contract whose operation waits for its caller to give up. */
@WebService(name = "Patience", targetNamespace = "urn:wcf4j:grpc:cancel")
public interface Patience {
    /** Runs until the call is cancelled (then stops with CANCELLED), at most 10 s. */
    boolean waitForCancel(@WebParam(name = "tag") String tag);
}
