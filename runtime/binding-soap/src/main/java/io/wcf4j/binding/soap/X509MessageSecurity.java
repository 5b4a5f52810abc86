package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Setting;
import io.wcf4j.http.HttpTls;
import jakarta.xml.soap.SOAPMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * X.509 message security ({@code message-credential: certificate}): WS-Security's asymmetric binding, with WSS4J
 * driven by the endpoint's WS-SecurityPolicy ({@link SecurityPolicies}). Each request carries a Timestamp, and a
 * signature over the Body and the Timestamp made with the caller's private key (its certificate travels in the
 * message as a BinarySecurityToken), and then its Body is encrypted for the service's certificate (sign before
 * encrypt, WCF's default order); the reply is signed by the service and encrypted for the caller's certificate. The
 * server accepts a signature only from a certificate that chains to its {@code message-trust} CAs and is valid now,
 * and only if the Body and the Timestamp are what was signed (a coverage check after WSS4J: a moved or second Body,
 * the XML signature wrapping attacks, fails it). The signer's certificate is the caller's identity: its subject's CN
 * becomes the principal, as for a TLS client certificate.
 */
final class X509MessageSecurity {
    static final String CERTIFICATE = "certificate";
    /** Our own certificate (PEM chain or PKCS#12): the server's, or the client's. */
    static final Setting<String> MESSAGE_CERTIFICATE = Setting.string("message-certificate", null);
    /** Its private key (unencrypted PKCS#8 PEM); not with PKCS#12. */
    static final Setting<String> MESSAGE_PRIVATE_KEY = Setting.string("message-private-key", null);
    static final Setting<String> MESSAGE_KEYSTORE_PASSWORD = Setting.string("message-keystore-password", null);
    /** The CAs whose certificates may sign messages for us (PEM or PKCS#12). */
    static final Setting<String> MESSAGE_TRUST = Setting.string("message-trust", null);
    /** A client's: the service's certificate, which its requests are encrypted for. */
    static final Setting<String> MESSAGE_PEER_CERTIFICATE = Setting.string("message-peer-certificate", null);
    static final String ENCRYPT_AND_SIGN = "encrypt-and-sign";
    static final String SIGN = "sign";
    /**
     * WCF's ProtectionLevel: {@code encrypt-and-sign} (the default) or {@code sign}, for peers that only sign (their
     * Body then travels readable, and the service's replies are signed only). Both ends must agree.
     */
    static final Setting<String> MESSAGE_PROTECTION = Setting.choice("message-protection", ENCRYPT_AND_SIGN,
            List.of(ENCRYPT_AND_SIGN, SIGN));

    private static final String PEER = "peer";
    /**
     * Any subject of a certificate the trusted CAs issued may sign (the identity store decides what it may do); said
     * outright, because WSS4J otherwise warns about the missing constraint on every message.
     */
    private static final String ANY_SUBJECT = ".*";
    /**
     * Signatures are RSA-SHA256, and only that is accepted. WS-SecurityPolicy's suites all name RSA-SHA1 (Basic256Sha256
     * means SHA-256 digests), so this is said outside the policy, as WCF's Basic256Sha256 and every stack that refuses
     * SHA-1 signatures do; a client generated from the WSDL sets it too (CXF: security.asymmetric.signature.algorithm).
     */
    private static final String SIGNATURE_ALGORITHM = WSS4JConstants.RSA_SHA256;

    private X509MessageSecurity() {
    }

    static List<Setting<?>> settings() {
        return List.of(MESSAGE_CERTIFICATE, MESSAGE_PRIVATE_KEY, MESSAGE_KEYSTORE_PASSWORD, MESSAGE_TRUST, MESSAGE_PEER_CERTIFICATE,
                MESSAGE_PROTECTION);
    }

    private static boolean encrypts(BindingSettings settings) {
        return settings.get(MESSAGE_PROTECTION).equals(ENCRYPT_AND_SIGN);
    }

    /**
     * A server's part, over one reading of its key: what CXF's policy-driven WSS4J interceptors need to check and
     * decrypt a request and to sign a reply and encrypt it for the certificate that signed the request; then the check
     * of what the request's signature covers.
     */
    static void secureServer(BindingSettings settings, String endpoint, Map<String, Object> properties,
                             List<Interceptor<? extends Message>> in) {
        keyProperties(properties, Keys.own(settings, endpoint), ConfigurationConstants.USE_REQ_SIG_CERT);
        in.add(coverage(encrypts(settings), false));
    }

    /**
     * What CXF's WSS4J interceptors need of our keys, on either side: one crypto holds our key, the CAs we trust and
     * (for a client) the service's certificate; {@code encryptFor} names the certificate that encrypts what we send.
     */
    private static void keyProperties(Map<String, Object> properties, Keys own, String encryptFor) {
        properties.put(SecurityConstants.SIGNATURE_CRYPTO, own.crypto);
        properties.put(SecurityConstants.ENCRYPT_CRYPTO, own.crypto);
        properties.put(SecurityConstants.SIGNATURE_USERNAME, own.alias);
        properties.put(SecurityConstants.ENCRYPT_USERNAME, encryptFor);
        properties.put(SecurityConstants.CALLBACK_HANDLER, own.passwords);
        properties.put(SecurityConstants.SUBJECT_CERT_CONSTRAINTS, ANY_SUBJECT);
        properties.put(SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, SIGNATURE_ALGORITHM);
    }

    /**
     * A client's part: its key signs requests and decrypts replies; the service's certificate, kept beside it, encrypts
     * requests and checks the replies' signatures (the policy names it by issuer and serial, it does not travel).
     */
    static void secureClient(Client client, BindingSettings settings) {
        String where = "binding setting";
        Keys own = Keys.own(settings, where);
        try {
            X509Certificate service = serviceCertificate(required(settings, MESSAGE_PEER_CERTIFICATE, where));
            own.crypto.getKeyStore().setCertificateEntry(PEER, service);
        } catch (java.security.KeyStoreException e) {
            throw new ConfigException(where + "." + MESSAGE_PEER_CERTIFICATE.name(), "cannot keep the service's certificate: " + e.getMessage());
        }
        keyProperties(client.getEndpoint(), own, PEER);
        // a service's fault is not signed (WSS4J lets an unsecured fault through): the caller reads it as it is
        client.getInInterceptors().add(coverage(encrypts(settings), true));
    }

    /** The service's certificate, the first of a PEM or PKCS#12 file. */
    private static X509Certificate serviceCertificate(Path file) {
        try {
            KeyStore peers = HttpTls.trustStore(file, null);
            return (X509Certificate) peers.getCertificate(Collections.list(peers.aliases()).get(0));
        } catch (Exception e) {
            throw new ConfigException(MESSAGE_PEER_CERTIFICATE.name(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * After WSS4J: the envelope's own Body and the Security header's Timestamp must be elements the signature covers, and
     * the Body's content must have been encrypted. WSS4J checks that what was signed is unchanged, not what it is: an
     * attacker who moves the signed Body into a header and puts a Body of its own in its place (XML signature wrapping)
     * passes WSS4J and fails here, as does any message with a second Body anywhere. (CXF's CryptoCoverageChecker does
     * much the same by XPath, but trips over the decrypted DOM in SAAJ.)
     */
    private static Interceptor<SoapMessage> coverage(boolean encrypted, boolean faultsMayBeUnsigned) {
        AbstractSoapInterceptor check = new AbstractSoapInterceptor(Phase.PRE_PROTOCOL) {
            @Override
            public void handleMessage(SoapMessage message) {
                SOAPMessage saaj = message.getContent(SOAPMessage.class);
                Element envelope = saaj == null ? null : saaj.getSOAPPart().getDocumentElement();
                Element body = child(envelope, "Body");
                if (faultsMayBeUnsigned && isFault(message, body)) {
                    return;
                }
                Element security = child(child(envelope, "Header"), "Security");
                Element timestamp = child(security, "Timestamp");
                Set<Element> signed = protectedBy(message, WSConstants.SIGN);
                if (body == null || timestamp == null || !signed.contains(body) || !signed.contains(timestamp)
                        || (encrypted && !protectedBy(message, WSConstants.ENCR).contains(body))
                        || count(envelope, body.getNamespaceURI(), "Body") != 1) {
                    throw SoapFaults.toFault(FaultCode.UNAUTHENTICATED, "authentication failed", message);
                }
            }
        };
        check.addAfter(PolicyBasedWSS4JInInterceptor.class.getName());
        return check;
    }

    /** Whether a reply is a fault: in its envelope, or, where WSS4J found no security header to read, next on the wire. */
    private static boolean isFault(SoapMessage message, Element body) {
        if (body != null) {
            return child(body, "Fault") != null;
        }
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        return reader != null && reader.isStartElement() && "Fault".equals(reader.getLocalName());
    }

    /** The elements that WSS4J's results say an action (signature, encryption) protected. */
    private static Set<Element> protectedBy(SoapMessage message, int action) {
        Set<Element> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (WSSecurityEngineResult e : results(message, action)) {
            if (e.get(WSSecurityEngineResult.TAG_DATA_REF_URIS) instanceof List<?> refs) {
                for (Object ref : refs) {
                    if (ref instanceof WSDataRef d && d.getProtectedElement() != null) {
                        out.add(d.getProtectedElement());
                    }
                }
            }
        }
        return out;
    }

    /** WSS4J's results of one action (signature, encryption) on a received message. */
    private static List<WSSecurityEngineResult> results(SoapMessage message, int action) {
        List<WSSecurityEngineResult> out = new java.util.ArrayList<>();
        if (message.get(WSHandlerConstants.RECV_RESULTS) instanceof List<?> handlers) {
            for (Object h : handlers) {
                if (h instanceof WSHandlerResult handler) {
                    out.addAll(handler.getActionResults().getOrDefault(action, List.of()));
                }
            }
        }
        return out;
    }

    /** How many elements of this name the tree holds: a message has one Body, wherever a second one hides. */
    private static int count(Node root, String namespace, String localName) {
        int n = root instanceof Element e && localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI()) ? 1 : 0;
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            n += count(c, namespace, localName);
        }
        return n;
    }

    /** The first child element of {@code parent} with this local name, or null. */
    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Path required(BindingSettings settings, Setting<String> setting, String where) {
        String value = settings.get(setting);
        if (value == null || value.isBlank()) {
            throw new ConfigException(where + "." + setting.name(), "message-credential certificate needs " + setting.name());
        }
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw new ConfigException(where + "." + setting.name(), "cannot read " + file);
        }
        return file;
    }

    /** Our signing and decryption key, the CAs we trust, and the callback that gives WSS4J the key's password. */
    private record Keys(Merlin crypto, String alias, CallbackHandler passwords) {
        static Keys own(BindingSettings settings, String where) {
            Path certificate = required(settings, MESSAGE_CERTIFICATE, where);
            String given = settings.get(MESSAGE_KEYSTORE_PASSWORD);
            Path keyFile = settings.get(MESSAGE_PRIVATE_KEY) == null ? null : required(settings, MESSAGE_PRIVATE_KEY, where);
            Path trust = required(settings, MESSAGE_TRUST, where);
            // a PEM key lives only in memory: any password protects it there
            String password = given != null ? given : UUID.randomUUID().toString();
            try {
                KeyStore keys = HttpTls.keyStore(certificate, keyFile, password);
                String alias = null;
                for (String a : Collections.list(keys.aliases())) {
                    if (keys.isKeyEntry(a)) {
                        alias = a;
                        break;
                    }
                }
                if (alias == null) {
                    throw new ConfigException(where + "." + MESSAGE_CERTIFICATE.name(), certificate + " holds no private key");
                }
                Merlin crypto = new Merlin();
                crypto.setKeyStore(keys);
                crypto.setTrustStore(HttpTls.trustStore(trust, given));
                String keyAlias = alias;
                CallbackHandler passwords = callbacks -> {
                    for (Callback c : callbacks) {
                        if (c instanceof WSPasswordCallback pc && keyAlias.equals(pc.getIdentifier())) {
                            pc.setPassword(password);
                        }
                    }
                };
                return new Keys(crypto, alias, passwords);
            } catch (ConfigException e) {
                throw e;
            } catch (Exception e) {
                throw new ConfigException(where + "." + MESSAGE_CERTIFICATE.name(), "cannot read the message key: " + e.getMessage());
            }
        }
    }

    /** The signer of a request, once WSS4J has verified its signature: its certificate, or null. */
    static X509Certificate signer(SoapMessage message) {
        for (WSSecurityEngineResult e : results(message, WSConstants.SIGN)) {
            if (e.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE) instanceof X509Certificate c) {
                return c;
            }
        }
        return null;
    }
}
