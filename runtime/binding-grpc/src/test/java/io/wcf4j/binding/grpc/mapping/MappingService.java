package io.wcf4j.binding.grpc.mapping;

import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import java.util.List;
import java.util.Map;

/** A contract that uses every type the gRPC mapping knows, pinned by golden/Mapping.proto. */
@WebService(name = "Mapping", targetNamespace = "urn:wcf4j:grpc:mapping")
public interface MappingService {
    Everything echo(@WebParam(name = "value") Everything value);

    Map<String, Integer> countWords(@WebParam(name = "words") List<String> words);

    List<Level> levels(@WebParam(name = "names") List<String> names);

    /** A declared fault whose name is also a data contract's. */
    Everything transfer(@WebParam(name = "transferRequest") TransferRequest request) throws MappingFaultException;

    void nothing();

    @Oneway
    void notify(@WebParam(name = "text") String text);
}
