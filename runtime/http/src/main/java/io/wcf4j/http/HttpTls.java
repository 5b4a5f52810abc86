package io.wcf4j.http;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Setting;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * TLS for the HTTP bindings: an {@code https://} address is served over TLS with the endpoint's TLS material
 * (and an {@code http://} one never is), and clients of an {@code https://} address use the configured trust
 * and client certificate. The JDK does the TLS and reads the keys; Tomcat serves the connector.
 */
public final class HttpTls {
    /** {@code transport} needs an {@code https://} address; an {@code https://} address means transport. */
    public static final Setting<String> SECURITY_MODE = SecuritySettings.mode(SecuritySettings.NONE, SecuritySettings.TRANSPORT);

    private HttpTls() {
    }

    /** The security settings of an HTTP binding that offers transport security. */
    public static List<Setting<?>> settings() {
        List<Setting<?>> s = new ArrayList<>();
        s.add(SECURITY_MODE);
        s.addAll(SecuritySettings.tls());
        return s;
    }

    /**
     * The TLS material of an HTTP endpoint or client: null for plain HTTP, and null for an {@code https://} endpoint
     * that names no certificate (the host then refuses it, unless its container owns TLS, as in a WAR).
     *
     * @throws ConfigException for transport security on an {@code http://} address, or TLS files that are wrong
     */
    public static TlsMaterial material(EndpointAddress address, BindingSettings settings, String where, boolean server) {
        boolean https = address.scheme().equals("https");
        if (!https) {
            // transport, or transport-with-message-credential (SOAP)
            if (settings.get(SECURITY_MODE).startsWith(SecuritySettings.TRANSPORT)) {
                throw new ConfigException(where + ".security-mode", settings.get(SECURITY_MODE)
                        + " needs an https:// address, not " + address);
            }
            return null;
        }
        if (server && settings.get(SecuritySettings.TLS_CERTIFICATE) == null) {
            return null;
        }
        return SecuritySettings.tlsMaterial(settings, where, server);
    }

    /** A JDK TLS context for a client: the configured trust (else the JDK's CAs) and client certificate, if any. */
    public static SSLContext clientContext(TlsMaterial tls) {
        try {
            KeyManager[] keys = null;
            if (tls.certificate() != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] password = tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
                kmf.init(keyStore(tls.certificate(), tls.privateKey(), tls.keystorePassword()), password);
                keys = kmf.getKeyManagers();
            }
            TrustManager[] trust = null;
            if (tls.trust() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore(tls.trust(), tls.keystorePassword()));
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("tls-trust", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }

    /** A key store holding a PKCS#12 file, or a PEM chain and its PKCS#8 key under the alias {@code key} (TLS, WS-Security). */
    public static KeyStore keyStore(Path certificate, Path key, String password) throws IOException, GeneralSecurityException {
        if (TlsMaterial.isPkcs12(certificate)) {
            return load(certificate, password);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        List<Certificate> chain = certificates(certificate);
        ks.setKeyEntry("key", privateKey(key, chain.get(0).getPublicKey().getAlgorithm()),
                password == null ? new char[0] : password.toCharArray(), chain.toArray(Certificate[]::new));
        return ks;
    }

    public static KeyStore trustStore(Path trust, String password) throws IOException, GeneralSecurityException {
        if (TlsMaterial.isPkcs12(trust)) {
            return load(trust, password);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(trust)) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new GeneralSecurityException(pem + " holds no certificate");
            }
            return new ArrayList<>(all);
        }
    }

    /** An unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), read by the JDK's key factory. */
    private static PrivateKey privateKey(Path pem, String algorithm) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
