package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.http.MessageTooLargeException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Gives the faults CXF raises by itself (a body cut off at the size limit, unreadable XML) the same
 * {@code <wcf4j:code>} detail as the faults the Dispatcher produces.
 */
final class ErrorCodeFaultInterceptor extends AbstractPhaseInterceptor<Message> {

    ErrorCodeFaultInterceptor() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        Exception e = message.getContent(Exception.class);
        if (!(e instanceof Fault f)) {
            return;
        }
        if (MessageTooLargeException.find(f) != null) {
            f.setMessage("message larger than the limit");
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            SoapFaults.addCode(f, FaultCode.MESSAGE_TOO_LARGE);
        } else if ("NO_PART_FOUND".equals(f.getCode())) {
            // CXF's "Message part {x} was not recognized": the body names an operation the contract lacks
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            SoapFaults.addCode(f, FaultCode.UNKNOWN_OPERATION);
        } else if (Fault.FAULT_CODE_CLIENT.equals(f.getFaultCode())) {
            SoapFaults.addCode(f, FaultCode.INVALID_ARGUMENT);
        } else if (f.getCause() == null || f.getCause() instanceof SoapFaults.ErrorMessage) {
            SoapFaults.addCode(f, FaultCode.INTERNAL);
        }
    }
}
