package io.wcf4j.binding.soap.records;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** A contract whose data contracts are Java records, directly and nested in a class. */
@WebService(name = "Greeter", targetNamespace = "urn:wcf4j:soap:records")
public interface Greeter {
    Greeting greet(@WebParam(name = "name") String name);

    String read(@WebParam(name = "letter") Letter letter);

    /** A record as a result. */
    record Greeting(String text) {
    }

    /** A class JAXB can make, with a record inside. */
    class Letter {
        public String to;
        public Greeting greeting;
    }
}
