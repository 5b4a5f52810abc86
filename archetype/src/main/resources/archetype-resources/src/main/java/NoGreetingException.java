package ${package};

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/** A declared fault: every binding carries it typed (REST: 404 problem+json, SOAP: a Client fault). */
@WebFault(name = "NoGreeting", targetNamespace = "${namespace}")
@FaultStatus(404)
public class NoGreetingException extends Exception {
    private final NoGreeting faultInfo;

    public NoGreetingException(String message, NoGreeting faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public NoGreeting getFaultInfo() {
        return faultInfo;
    }
}
