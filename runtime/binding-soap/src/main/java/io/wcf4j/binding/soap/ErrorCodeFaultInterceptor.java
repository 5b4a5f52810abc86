package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.http.MessageTooLargeException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.policy.PolicyException;

/**
 * Gives the faults CXF raises by itself (a body cut off at the size limit, unreadable XML) the same
 * {@code <wcf4j:code>} detail as the faults the Dispatcher produces.
 */
final class ErrorCodeFaultInterceptor extends AbstractPhaseInterceptor<Message> {

    ErrorCodeFaultInterceptor() {
        super(Phase.PRE_LOGICAL);
    }

    /**
     * WSS4J's generic security error (CXF hides the detail from the caller), a WS-Security fault code, or a message
     * that does not meet the endpoint's policy (only WS-SecurityPolicy is attached to wcf4j's endpoints).
     */
    private static boolean isSecurityFault(Fault f) {
        return f.getCause() instanceof PolicyException || isSecurity(f.getFaultCode())
                || (f instanceof org.apache.cxf.binding.soap.SoapFault sf && isSecurity(sf.getSubCode()));
    }

    private static boolean isSecurity(javax.xml.namespace.QName code) {
        return code != null && (SecurityHeaderLimits.WSSE.equals(code.getNamespaceURI()) || WSS4J.equals(code.getNamespaceURI()));
    }

    private static final String WSS4J = "http://ws.apache.org/wss4j";

    /**
     * A fault CXF raised for what the caller sent: its generic client code, or a SOAP code of either version that
     * blames the sender (an envelope that is not one, a version or a header it cannot honour).
     */
    private static boolean isCallersFault(javax.xml.namespace.QName code) {
        if (code == null) {
            return false;
        }
        return Fault.FAULT_CODE_CLIENT.equals(code) || switch (code.getLocalPart()) {
            case "Client", "Sender", "VersionMismatch", "MustUnderstand" -> true;
            default -> false;
        };
    }

    @Override
    public void handleMessage(Message message) {
        Exception e = message.getContent(Exception.class);
        if (!(e instanceof Fault f) || (f.getCause() != null && f.getCause().getClass().isAnnotationPresent(jakarta.xml.ws.WebFault.class))) {
            return; // a declared fault carries its own typed detail, not a framework code
        }
        if (MessageTooLargeException.find(f) != null) {
            f.setMessage("message larger than the limit");
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            SoapFaults.addCode(f, FaultCode.MESSAGE_TOO_LARGE);
        } else if (isSecurityFault(f)) {
            // WSS4J's refusal of the message's security header: the caller's credential or token did not verify.
            // One answer whatever the reason (WS-Security's FailedAuthentication); the reason is in the host's log
            f.setMessage("authentication failed");
            if (f instanceof org.apache.cxf.binding.soap.SoapFault sf && message.getExchange() != null
                    && message.getExchange().getInMessage() instanceof org.apache.cxf.binding.soap.SoapMessage in
                    && in.getVersion() == org.apache.cxf.binding.soap.Soap12.getInstance()) {
                sf.setFaultCode(in.getVersion().getSender());
                sf.setSubCode(SoapFaults.FAILED_AUTHENTICATION);
            } else {
                f.setFaultCode(SoapFaults.FAILED_AUTHENTICATION);
            }
            SoapFaults.addCode(f, FaultCode.UNAUTHENTICATED);
        } else if ("NO_PART_FOUND".equals(f.getCode())) {
            // CXF's "Message part {x} was not recognized": the body names an operation the contract lacks
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            SoapFaults.addCode(f, FaultCode.UNKNOWN_OPERATION);
        } else if (isCallersFault(f.getFaultCode())) {
            SoapFaults.addCode(f, FaultCode.INVALID_ARGUMENT);
        } else if (f.getCause() == null || f.getCause() instanceof SoapFaults.ErrorMessage) {
            SoapFaults.addCode(f, FaultCode.INTERNAL);
        }
    }
}
