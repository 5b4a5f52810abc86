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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
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
 * X.509 message security ({@code message-credential: certificate}): WS-Security's asymmetric binding, with WSS4J.
 * Each request carries a Timestamp, and a signature over the Body and the Timestamp made with the caller's private
 * key (its certificate travels in the message as a BinarySecurityToken), and then its Body is encrypted for the
 * service's certificate (sign before encrypt, WCF's default order); the reply is signed by the service and encrypted for the caller's certificate. The server accepts a
 * signature only from a certificate that chains to its {@code message-trust} CAs and is valid now, and only if the
 * Body and the Timestamp are what was signed (a coverage check after WSS4J: a moved or second Body, the XML
 * signature wrapping attacks, fails it). The signer's certificate is the caller's identity: its subject's CN becomes
 * the principal, as for a TLS client certificate.
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

    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String SIGNED = ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE;
    private static final String PEER = "peer";
    /**
     * Any subject of a certificate the trusted CAs issued may sign (the identity store decides what it may do); said
     * outright, because WSS4J otherwise warns about the missing constraint on every message.
     */
    private static final String ANY_SUBJECT = ".*";

    private X509MessageSecurity() {
    }

    static List<Setting<?>> settings() {
        return List.of(MESSAGE_CERTIFICATE, MESSAGE_PRIVATE_KEY, MESSAGE_KEYSTORE_PASSWORD, MESSAGE_TRUST, MESSAGE_PEER_CERTIFICATE,
                MESSAGE_PROTECTION);
    }

    private static boolean encrypts(BindingSettings settings) {
        return settings.get(MESSAGE_PROTECTION).equals(ENCRYPT_AND_SIGN);
    }

    /** The WS-Security actions a message carries, in the order they are applied. */
    private static String actions(BindingSettings settings) {
        return encrypts(settings) ? SIGNED + " " + ConfigurationConstants.ENCRYPTION : SIGNED;
    }

    /**
     * A server's interceptors, over one reading of its key: in, those that check a request's signature and decrypt it,
     * then check what the signature covers; out, the one that signs a reply and encrypts it for the certificate that
     * signed the request.
     */
    static void secureServer(BindingSettings settings, String endpoint, boolean soap12, Map<String, Object> common,
                             List<Interceptor<? extends Message>> in, List<Interceptor<? extends Message>> out) {
        Keys own = Keys.own(settings, endpoint);
        Map<String, Object> check = new HashMap<>(common);
        check.put(ConfigurationConstants.ACTION, actions(settings));
        check.put("wcf4j.crypto", own.crypto);
        check.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "wcf4j.crypto");
        check.put(ConfigurationConstants.DEC_PROP_REF_ID, "wcf4j.crypto");
        check.put(ConfigurationConstants.PW_CALLBACK_REF, own.passwords);
        check.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        check.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, ANY_SUBJECT);
        in.add(new WSS4JInInterceptor(check));
        in.add(coverage(encrypts(settings), false));

        Map<String, Object> protect = outgoing(own, settings, soap12);
        protect.put(ConfigurationConstants.ENCRYPTION_USER, ConfigurationConstants.USE_REQ_SIG_CERT);
        protect.put("wcf4j.encryption", own.crypto);
        protect.put(ConfigurationConstants.ENC_PROP_REF_ID, "wcf4j.encryption");
        out.add(new WSS4JOutInterceptor(protect));
    }

    /** Makes a client sign and encrypt its requests, and check and decrypt the replies. */
    static void secureClient(Client client, BindingSettings settings, boolean soap12) {
        String where = "binding setting";
        Keys own = Keys.own(settings, where);
        Map<String, Object> out = outgoing(own, settings, soap12);
        if (encrypts(settings)) {
            out.put(ConfigurationConstants.ENCRYPTION_USER, PEER);
            out.put("wcf4j.encryption", peerCrypto(required(settings, MESSAGE_PEER_CERTIFICATE, where)));
            out.put(ConfigurationConstants.ENC_PROP_REF_ID, "wcf4j.encryption");
        }
        client.getOutInterceptors().add(new WSS4JOutInterceptor(out));

        Map<String, Object> in = new HashMap<>();
        in.put(ConfigurationConstants.ACTION, actions(settings));
        in.put("wcf4j.crypto", own.crypto);
        in.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "wcf4j.crypto");
        in.put(ConfigurationConstants.DEC_PROP_REF_ID, "wcf4j.crypto");
        in.put(ConfigurationConstants.PW_CALLBACK_REF, own.passwords);
        in.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        in.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, ANY_SUBJECT);
        client.getInInterceptors().add(new WSS4JInInterceptor(in));
        // a service's fault is not signed (WSS4J lets an unsecured fault through): the caller reads it as it is
        client.getInInterceptors().add(coverage(encrypts(settings), true));
    }

    /** A crypto that holds only the service's certificate, which a client encrypts for. */
    private static Merlin peerCrypto(Path file) {
        try {
            KeyStore peers = HttpTls.trustStore(file, null);
            X509Certificate service = (X509Certificate) peers.getCertificate(Collections.list(peers.aliases()).get(0));
            KeyStore one = KeyStore.getInstance("PKCS12");
            one.load(null, null);
            one.setCertificateEntry(PEER, service);
            Merlin peer = new Merlin();
            peer.setKeyStore(one);
            return peer;
        } catch (Exception e) {
            throw new ConfigException(MESSAGE_PEER_CERTIFICATE.name(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> outgoing(Keys own, BindingSettings settings, boolean soap12) {
        String body = "{}{" + (soap12 ? SOAP12 : SOAP11) + "}Body";
        Map<String, Object> p = new HashMap<>();
        p.put(ConfigurationConstants.ACTION, actions(settings));
        p.put(ConfigurationConstants.SIGNATURE_USER, own.alias);
        p.put("wcf4j.signature", own.crypto);
        p.put(ConfigurationConstants.SIG_PROP_REF_ID, "wcf4j.signature");
        p.put(ConfigurationConstants.PW_CALLBACK_REF, own.passwords);
        // the certificate itself travels, so that a receiver needs only its CAs
        p.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        p.put(ConfigurationConstants.SIGNATURE_PARTS, "{}{" + WSU + "}Timestamp;" + body);
        p.put(ConfigurationConstants.SIG_ALGO, WSS4JConstants.RSA_SHA256);
        p.put(ConfigurationConstants.SIG_DIGEST_ALGO, WSS4JConstants.SHA256);
        p.put(ConfigurationConstants.ENC_KEY_ID, "IssuerSerial");
        p.put(ConfigurationConstants.ENCRYPTION_PARTS, "{Content}{" + (soap12 ? SOAP12 : SOAP11) + "}Body");
        p.put(ConfigurationConstants.ENC_SYM_ALGO, WSS4JConstants.AES_256_GCM);
        p.put(ConfigurationConstants.ENC_KEY_TRANSPORT, WSS4JConstants.KEYTRANSPORT_RSAOAEP_XENC11);
        p.put(ConfigurationConstants.ENC_MGF_ALGO, WSS4JConstants.MGF_SHA256);
        p.put(ConfigurationConstants.ENC_DIGEST_ALGO, WSS4JConstants.SHA256);
        return p;
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
                if (faultsMayBeUnsigned && child(body, "Fault") != null) {
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
        check.addAfter(WSS4JInInterceptor.class.getName());
        return check;
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
