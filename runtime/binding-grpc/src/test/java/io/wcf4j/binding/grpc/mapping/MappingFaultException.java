package io.wcf4j.binding.grpc.mapping;

import io.wcf4j.annotation.FaultStatus;
import jakarta.xml.ws.WebFault;

/** A declared fault with a typed detail and a 409 status (ABORTED over gRPC). */
@WebFault(name = "MappingFault")
@FaultStatus(409)
public class MappingFaultException extends Exception {
    private final MappingFault faultInfo;

    public MappingFaultException(String message, MappingFault faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public MappingFault getFaultInfo() {
        return faultInfo;
    }
}
