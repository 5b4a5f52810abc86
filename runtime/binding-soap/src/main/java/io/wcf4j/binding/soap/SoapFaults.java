package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPFault;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one place where framework {@link FaultCode}s meet SOAP faults: the fault code (Client/Sender for the
 * caller's fault, Server/Receiver otherwise) and a {@code <wcf4j:code>} element in the detail, read back by
 * the client so that every binding reports the same code.
 */
final class SoapFaults {
    static final String ERROR_NS = "urn:wcf4j:error";
    static final String CODE_ELEMENT = "code";
    /** WS-Security's fault for a credential that did not verify (SOAP 1.1 faultcode; SOAP 1.2 subcode of Sender). */
    static final QName FAILED_AUTHENTICATION = new QName(
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "FailedAuthentication", "wsse");
    /** An authenticated caller without the role (SOAP 1.1 faultcode; SOAP 1.2 subcode of Sender). */
    static final QName ACCESS_DENIED = new QName(ERROR_NS, "AccessDenied", "wcf4j");

    private SoapFaults() {
    }

    /**
     * A CXF fault for a framework error. Security refusals carry WS-Security's codes: UNAUTHENTICATED is
     * {@code wsse:FailedAuthentication} (SOAP 1.1's faultcode, SOAP 1.2's subcode of Sender), PERMISSION_DENIED is
     * {@code wcf4j:AccessDenied} in the same places.
     *
     * @param soap12 whether the reply is SOAP 1.2 (CXF would make a 1.1-style custom code a Receiver fault)
     */
    static Fault toFault(FaultCode code, String message, boolean soap12) {
        QName securityCode = code == FaultCode.UNAUTHENTICATED ? FAILED_AUTHENTICATION
                : code == FaultCode.PERMISSION_DENIED ? ACCESS_DENIED : null;
        Fault f;
        if (securityCode == null) {
            f = new Fault(new ErrorMessage(message));
            f.setFaultCode(code.isCallerFault() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        } else if (soap12) {
            SoapFault sf = new SoapFault(new org.apache.cxf.common.i18n.Message(message, (java.util.ResourceBundle) null),
                    new ErrorMessage(message), Soap12.getInstance().getSender());
            sf.setSubCode(securityCode);
            f = sf;
        } else {
            f = new Fault(new ErrorMessage(message));
            f.setFaultCode(securityCode);
        }
        addCode(f, code);
        return f;
    }

    /** {@link #toFault(FaultCode, String, boolean)} in the SOAP version of the message being answered. */
    static Fault toFault(FaultCode code, String message, org.apache.cxf.message.Message in) {
        return toFault(code, message, in instanceof SoapMessage sm && sm.getVersion() == Soap12.getInstance());
    }

    /** Adds the code element to a fault's detail unless it has one. */
    static void addCode(Fault f, FaultCode code) {
        if (codeOf(f.getDetail()) != null) {
            return;
        }
        Element detail = f.getOrCreateDetail();
        Element c = detail.getOwnerDocument().createElementNS(ERROR_NS, "wcf4j:" + CODE_ELEMENT);
        c.setTextContent(code.name());
        detail.appendChild(c);
    }

    /** The code in a server fault's detail, or null. */
    static FaultCode codeOf(Element detail) {
        if (detail == null) {
            return null;
        }
        for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ERROR_NS.equals(e.getNamespaceURI()) && CODE_ELEMENT.equals(e.getLocalName())) {
                return parse(e.getTextContent());
            }
        }
        return null;
    }

    /** The code of a fault a client received: from the detail, else from the SOAP fault code. */
    static FaultCode codeOf(SOAPFault fault) {
        Detail detail = fault.getDetail();
        if (detail != null) {
            Iterator<?> it = detail.getDetailEntries();
            while (it.hasNext()) {
                Object o = it.next();
                if (o instanceof Element e && ERROR_NS.equals(e.getNamespaceURI()) && CODE_ELEMENT.equals(e.getLocalName())) {
                    FaultCode c = parse(e.getTextContent());
                    if (c != null) {
                        return c;
                    }
                }
            }
        }
        QName q = fault.getFaultCodeAsQName();
        String local = q == null ? "" : q.getLocalPart();
        return local.equals("Client") || local.equals("Sender") ? FaultCode.INVALID_ARGUMENT : FaultCode.INTERNAL;
    }

    /** The code of a fault a client received as CXF's {@link SoapFault}. */
    static FaultCode codeOf(SoapFault fault) {
        FaultCode c = codeOf(fault.getDetail());
        if (c != null) {
            return c;
        }
        QName q = fault.getFaultCode();
        String local = q == null ? "" : q.getLocalPart();
        return local.equals("Client") || local.equals("Sender") ? FaultCode.INVALID_ARGUMENT : FaultCode.INTERNAL;
    }

    private static FaultCode parse(String text) {
        try {
            return FaultCode.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A SOAP fault envelope written without CXF, for refusals made before a message reaches CXF. */
    static byte[] envelope(boolean soap12, FaultCode code, String reason) {
        String text = escape(reason);
        QName security = code == FaultCode.UNAUTHENTICATED ? FAILED_AUTHENTICATION
                : code == FaultCode.PERMISSION_DENIED ? ACCESS_DENIED : null;
        String securityCode = security == null ? null
                : "<soap:Value xmlns:" + security.getPrefix() + "=\"" + security.getNamespaceURI() + "\">"
                  + security.getPrefix() + ":" + security.getLocalPart() + "</soap:Value>";
        String xml = soap12
                ? "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault>"
                  + "<soap:Code><soap:Value>soap:" + (code.isCallerFault() ? "Sender" : "Receiver") + "</soap:Value>"
                  + (securityCode == null ? "" : "<soap:Subcode>" + securityCode + "</soap:Subcode>") + "</soap:Code>"
                  + "<soap:Reason><soap:Text xml:lang=\"en\">" + text + "</soap:Text></soap:Reason>"
                  + "<soap:Detail><wcf4j:code xmlns:wcf4j=\"" + ERROR_NS + "\">" + code.name() + "</wcf4j:code></soap:Detail>"
                  + "</soap:Fault></soap:Body></soap:Envelope>"
                : "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                  + (security == null ? "<faultcode>soap:" + (code.isCallerFault() ? "Client" : "Server") + "</faultcode>"
                     : "<faultcode xmlns:" + security.getPrefix() + "=\"" + security.getNamespaceURI() + "\">"
                       + security.getPrefix() + ":" + security.getLocalPart() + "</faultcode>")
                  + "<faultstring>" + text + "</faultstring>"
                  + "<detail><wcf4j:code xmlns:wcf4j=\"" + ERROR_NS + "\">" + code.name() + "</wcf4j:code></detail>"
                  + "</soap:Fault></soap:Body></soap:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Carries a message to the fault with no stack or class name of any use to the caller. */
    static final class ErrorMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ErrorMessage(String message) {
            super(message, null, false, false);
        }
    }
}
