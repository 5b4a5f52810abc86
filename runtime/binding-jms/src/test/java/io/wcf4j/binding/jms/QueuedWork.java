package io.wcf4j.binding.jms;

import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** A queued contract for the poison-message tests: one-way work that fails for tokens starting with "poison". */
@WebService(name = "QueuedWork", targetNamespace = "urn:wcf4j:test:queued")
public interface QueuedWork {
    @Oneway
    void process(@WebParam(name = "token") String token);

    String ping(@WebParam(name = "text") String text);
}
