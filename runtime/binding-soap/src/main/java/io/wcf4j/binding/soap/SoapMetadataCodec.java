package io.wcf4j.binding.soap;

import io.wcf4j.ServiceException;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.PeerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The call metadata of a SOAP request: what its transport carried (HTTP headers for SOAP over HTTP; the JMS
 * properties, read by the JMS binding, for SOAP over JMS), plus the SOAP header elements in the
 * {@value #NAMESPACE} namespace, one entry per element (local name = key, text = value; {@code wcf4j-timeout} is
 * the deadline in milliseconds). A header element wins over a transport header of the same key: it is part of
 * the message, which intermediaries do not rewrite. The peer is what the transport verified, plus the principal
 * of CXF's security context (a container login, or a WS-Security token WSS4J validated).
 */
final class SoapMetadataCodec {
    /** The namespace of SOAP header elements that carry call metadata. */
    static final String NAMESPACE = "urn:wcf4j:metadata";
    /** Exchange keys under which a transport that wcf4j runs (JMS) hands over what it read. */
    static final String METADATA = SoapMetadataCodec.class.getName() + ".metadata";
    static final String PEER = SoapMetadataCodec.class.getName() + ".peer";

    private SoapMetadataCodec() {
    }

    /**
     * The metadata of a request message.
     *
     * @throws ServiceException INVALID_ARGUMENT for a deadline that is not a number of milliseconds
     */
    static CallMetadata read(Message in) {
        CallMetadata transport = in.getExchange().get(METADATA) instanceof CallMetadata given ? given
                : in.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest req ? HttpMetadataCodec.read(req)
                : CallMetadata.EMPTY;
        if (!(in.get(Header.HEADER_LIST) instanceof List<?> headers) || headers.isEmpty()) {
            return transport;
        }
        // the envelope's own entries, each element one value; they then replace the transport's for their keys
        CallMetadata.Builder fromEnvelope = CallMetadata.builder();
        for (Object o : headers) {
            if (o instanceof Header h && h.getName() != null && NAMESPACE.equals(h.getName().getNamespaceURI())
                    && h.getObject() instanceof Element e) {
                String key = h.getName().getLocalPart();
                String value = textOf(e);
                if (key.equalsIgnoreCase(CommonSettings.TIMEOUT_HEADER)) {
                    fromEnvelope.deadline(Deadlines.fromRemainingMillis(value, "SOAP header " + key));
                } else {
                    fromEnvelope.addIfValid(key, value);
                }
            }
        }
        CallMetadata envelope = fromEnvelope.build();
        return envelope.isEmpty() ? transport : transport.toBuilder().putAll(envelope).build();
    }

    /** What the transport and CXF's security context verified about the peer. */
    static PeerIdentity peer(Message in) {
        PeerIdentity peer = in.getExchange().get(PEER) instanceof PeerIdentity given ? given
                : in.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest req ? HttpMetadataCodec.peerOf(req)
                : PeerIdentity.UNKNOWN;
        X509Certificate signer = in instanceof SoapMessage soap ? X509MessageSecurity.signer(soap) : null;
        if (signer != null) {
            // the certificate that signed the message names the caller, as a TLS client certificate would
            return peer.withCertificateChain(List.of(signer));
        }
        SecurityContext sc = in.get(SecurityContext.class);
        if (peer.verifiedPrincipal() == null && sc != null) {
            Principal p = sc.getUserPrincipal();
            if (p != null) {
                peer = peer.withVerifiedPrincipal(p);
            }
        }
        return peer;
    }

    /** The element's text, only if it has no child elements (metadata values are text). */
    private static String textOf(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return null;
            }
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(n.getNodeValue());
            }
        }
        return sb.toString().trim();
    }
}
