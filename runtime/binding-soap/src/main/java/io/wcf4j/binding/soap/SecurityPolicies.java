package io.wcf4j.binding.soap;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.SecuritySettings;
import java.io.StringReader;
import java.util.List;
import javax.wsdl.extensions.UnknownExtensibilityElement;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.ws.policy.PolicyBuilder;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The WS-SecurityPolicy of an endpoint in a message security mode: what its messages must carry, stated once and used
 * three ways. Attached to the endpoint in CXF's service model ({@link #attach}), it is published in the endpoint's WSDL (so
 * that a client generated from it, by CXF's wsdl2java or any WS-SecurityPolicy stack, configures itself given only
 * its credentials), enforced on every request by CXF's policy-driven WSS4J interceptors, and followed by wcf4j's own
 * clients of the endpoint, which attach the same policy. Endpoints in other modes have no policy.
 *
 * <ul>
 *   <li>{@code message}: a UsernameToken with PasswordText and a Nonce and a Created time (plain text only over TLS or
 *       loopback, which the server checks), or with PasswordDigest (which always has both); two alternatives, the one
 *       {@code message-credential} names first ({@code username} or {@code username-digest}). With no signature, a
 *       Timestamp would add nothing the Created time does not: none is required, one that is sent is checked.</li>
 *   <li>{@code transport-with-message-credential}: a transport binding (HTTPS) with a Timestamp required in the header
 *       and the UsernameToken as a signed supporting token (TLS protects both), in the same two alternatives.</li>
 *   <li>{@code message}, {@code certificate}: the asymmetric binding, algorithm suite Basic256Sha256 (WCF's name for it
 *       too): the caller's X.509 certificate in the message as a BinarySecurityToken, the service's referred to by
 *       issuer and serial; the Body and the Timestamp signed, the Body encrypted (not with {@code message-protection:
 *       sign}); replies likewise.</li>
 * </ul>
 */
final class SecurityPolicies {
    private static final String WSP = "http://www.w3.org/ns/ws-policy";
    private static final String SP = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
    /** WS-SecurityPolicy 1.3: a UsernameToken's Nonce and Created as policy. */
    private static final String SP13 = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200802";
    private static final String ALWAYS_TO_RECIPIENT = SP + "/IncludeToken/AlwaysToRecipient";
    private static final String NEVER = SP + "/IncludeToken/Never";

    private SecurityPolicies() {
    }

    /** The policy a service publishes and enforces, or null when its messages carry no credential. */
    static Element ofService(BindingSettings settings) {
        return of(settings, true);
    }

    /** The policy a wcf4j client follows: the service's, with only the kind of password its settings name. */
    static Element ofClient(BindingSettings settings) {
        return of(settings, false);
    }

    private static Element of(BindingSettings settings, boolean eitherPassword) {
        if (!SoapSecurity.carriesMessageCredential(settings)) {
            return null;
        }
        List<String> alternatives;
        if (SoapSecurity.carriesCertificate(settings)) {
            alternatives = List.of(asymmetricBinding(settings.get(X509MessageSecurity.MESSAGE_PROTECTION)
                    .equals(X509MessageSecurity.ENCRYPT_AND_SIGN)));
        } else {
            // a service takes either kind of password (PasswordText only over TLS or loopback): the configured one
            // first, which is the one a generated client picks (CXF picks the first of equally small alternatives)
            boolean digest = settings.get(SoapSecurity.MESSAGE_CREDENTIAL).equals(SoapSecurity.USERNAME_DIGEST);
            boolean tls = settings.get(SoapSecurity.MODE).equals(SecuritySettings.TRANSPORT_WITH_MESSAGE_CREDENTIAL);
            List<String> tokens = eitherPassword ? List.of(usernameToken(digest), usernameToken(!digest)) : List.of(usernameToken(digest));
            alternatives = tokens.stream()
                    .map(token -> tls ? transportBinding() + "<sp:SignedSupportingTokens><wsp:Policy>" + token
                            + "</wsp:Policy></sp:SignedSupportingTokens>"
                            : "<sp:SupportingTokens><wsp:Policy>" + token + "</wsp:Policy></sp:SupportingTokens>")
                    .toList();
        }
        StringBuilder xml = new StringBuilder("<wsp:Policy xmlns:wsp=\"" + WSP + "\" xmlns:sp=\"" + SP + "\" xmlns:sp13=\"" + SP13
                + "\"><wsp:ExactlyOne>");
        alternatives.forEach(a -> xml.append("<wsp:All>").append(a).append("</wsp:All>"));
        return parse(xml.append("</wsp:ExactlyOne></wsp:Policy>").toString());
    }

    /**
     * Attaches a policy to an endpoint in CXF's service model, twice: as a policy of the endpoint, which CXF enforces
     * (a service model built from a Java contract has no WSDL for CXF to read policies from), and as an element of its
     * binding, which CXF writes into the WSDL it publishes. Before the endpoint starts (a server) or sends (a client):
     * CXF computes an endpoint's effective policy once.
     */
    static void attach(Bus bus, EndpointInfo endpoint, Element policy) {
        if (policy == null) {
            return;
        }
        endpoint.addExtensor(bus.getExtension(PolicyBuilder.class).getPolicy(policy));
        UnknownExtensibilityElement published = new UnknownExtensibilityElement();
        published.setElementType(new QName(WSP, "Policy"));
        published.setElement(policy);
        endpoint.getBinding().addExtensor(published);
    }

    private static String usernameToken(boolean digest) {
        return "<sp:UsernameToken sp:IncludeToken=\"" + ALWAYS_TO_RECIPIENT + "\"><wsp:Policy>"
                + (digest ? "<sp:HashPassword/>" : "<sp13:Created/><sp13:Nonce/>")
                + "<sp:WssUsernameToken10/></wsp:Policy></sp:UsernameToken>";
    }

    private static String transportBinding() {
        return "<sp:TransportBinding><wsp:Policy>"
                + "<sp:TransportToken><wsp:Policy><sp:HttpsToken><wsp:Policy/></sp:HttpsToken></wsp:Policy></sp:TransportToken>"
                + algorithmSuite() + "<sp:Layout><wsp:Policy><sp:Lax/></wsp:Policy></sp:Layout><sp:IncludeTimestamp/>"
                + "</wsp:Policy></sp:TransportBinding>";
    }

    private static String asymmetricBinding(boolean encrypt) {
        return "<sp:AsymmetricBinding><wsp:Policy>"
                + "<sp:InitiatorToken><wsp:Policy>" + x509Token(ALWAYS_TO_RECIPIENT, "") + "</wsp:Policy></sp:InitiatorToken>"
                + "<sp:RecipientToken><wsp:Policy>" + x509Token(NEVER, "<sp:RequireIssuerSerialReference/>")
                + "</wsp:Policy></sp:RecipientToken>"
                + algorithmSuite() + "<sp:Layout><wsp:Policy><sp:Lax/></wsp:Policy></sp:Layout><sp:IncludeTimestamp/>"
                + "<sp:OnlySignEntireHeadersAndBody/></wsp:Policy></sp:AsymmetricBinding>"
                + "<sp:Wss10><wsp:Policy><sp:MustSupportRefKeyIdentifier/><sp:MustSupportRefIssuerSerial/></wsp:Policy></sp:Wss10>"
                + "<sp:SignedParts><sp:Body/></sp:SignedParts>"
                + (encrypt ? "<sp:EncryptedParts><sp:Body/></sp:EncryptedParts>" : "");
    }

    private static String x509Token(String inclusion, String reference) {
        return "<sp:X509Token sp:IncludeToken=\"" + inclusion + "\"><wsp:Policy>" + reference
                + "<sp:WssX509V3Token10/></wsp:Policy></sp:X509Token>";
    }

    private static String algorithmSuite() {
        return "<sp:AlgorithmSuite><wsp:Policy><sp:Basic256Sha256/></wsp:Policy></sp:AlgorithmSuite>";
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("the security policy does not parse", e);
        }
    }
}
