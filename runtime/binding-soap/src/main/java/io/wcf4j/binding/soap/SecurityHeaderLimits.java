package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JInInterceptor;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Bounds the WS-Security header before WSS4J reads it: one {@code wsse:Security} header, at most a few elements in
 * it, none nested deeply. Every token costs a check (a UsernameToken a slow password hash), so a header with a
 * thousand of them is refused unread, as the caller's fault.
 */
final class SecurityHeaderLimits extends AbstractSoapInterceptor {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final int MAX_DEPTH = 6;
    private static final int MAX_ELEMENTS = 64;

    private final int maxElements;

    SecurityHeaderLimits(int maxElements) {
        super(Phase.PRE_PROTOCOL);
        addBefore(PolicyBasedWSS4JInInterceptor.class.getName());
        this.maxElements = maxElements;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        int headers = 0;
        for (Header h : message.getHeaders()) {
            QName name = h.getName();
            if (!WSSE.equals(name.getNamespaceURI()) || !"Security".equals(name.getLocalPart())) {
                continue;
            }
            if (++headers > 1) {
                throw refused(message, "more than one wsse:Security header");
            }
            if (h.getObject() instanceof Element security) {
                int tokens = 0;
                int[] all = {0};
                for (Node n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element token) {
                        if (++tokens > maxElements) {
                            throw refused(message, "a wsse:Security header with more than " + maxElements + " tokens");
                        }
                        count(message, token, 1, all);
                    }
                }
            }
        }
    }

    private static void count(SoapMessage message, Element e, int depth, int[] all) {
        if (depth > MAX_DEPTH || ++all[0] > MAX_ELEMENTS) {
            throw refused(message, "a wsse:Security header nested deeper than " + MAX_DEPTH + " or with over "
                    + MAX_ELEMENTS + " elements");
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                count(message, child, depth + 1, all);
            }
        }
    }

    private static org.apache.cxf.interceptor.Fault refused(SoapMessage message, String why) {
        return SoapFaults.toFault(FaultCode.UNAUTHENTICATED, "authentication failed: " + why, message);
    }
}
