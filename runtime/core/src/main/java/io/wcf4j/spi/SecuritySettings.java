package io.wcf4j.spi;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Setting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The security settings of a binding configuration, with WCF's names and the same meaning on every binding that
 * offers them. A binding declares the modes it can honour ({@link #mode}); a configuration that asks for another
 * fails at start-up naming the key.
 *
 * <ul>
 *   <li>{@code security-mode}: {@value #NONE}; {@value #TRANSPORT} (TLS; the client credential travels in the
 *       transport: a client certificate, or an Authorization credential inside the TLS connection);
 *       {@value #MESSAGE} (WS-Security on SOAP); {@value #TRANSPORT_WITH_MESSAGE_CREDENTIAL} (TLS plus a credential in
 *       the message).
 *   <li>TLS material, PEM or PKCS#12: {@code tls-certificate} (a PEM chain, leaf first, or a {@code .p12}/{@code .pfx}
 *       keystore), {@code tls-private-key} (its PEM PKCS#8 key), {@code tls-keystore-password}, {@code tls-trust}
 *       (PEM CA certificates, or a PKCS#12 trust store, that verify the peer); {@code client-certificate}
 *       ({@value #CLIENT_CERTIFICATE_NONE}, {@value #CLIENT_CERTIFICATE_OPTIONAL}, {@value #CLIENT_CERTIFICATE_REQUIRED};
 *       server side); {@code tls-verify-hostname} (client side, on by default).
 * </ul>
 *
 * <p>On the server the certificate is the server's; on a client it is the client certificate it presents.
 *
 * @since 0.1
 */
public final class SecuritySettings {
    public static final String NONE = "none";
    public static final String TRANSPORT = "transport";
    public static final String MESSAGE = "message";
    public static final String TRANSPORT_WITH_MESSAGE_CREDENTIAL = "transport-with-message-credential";
    public static final String CLIENT_CERTIFICATE_NONE = "none";
    public static final String CLIENT_CERTIFICATE_OPTIONAL = "optional";
    public static final String CLIENT_CERTIFICATE_REQUIRED = "required";

    public static final Setting<String> CLIENT_CERTIFICATE = Setting.choice("client-certificate", CLIENT_CERTIFICATE_NONE,
            List.of(CLIENT_CERTIFICATE_NONE, CLIENT_CERTIFICATE_OPTIONAL, CLIENT_CERTIFICATE_REQUIRED));
    public static final Setting<String> TLS_CERTIFICATE = Setting.string("tls-certificate", null);
    public static final Setting<String> TLS_PRIVATE_KEY = Setting.string("tls-private-key", null);
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = Setting.string("tls-keystore-password", null);
    public static final Setting<String> TLS_TRUST = Setting.string("tls-trust", null);
    public static final Setting<Boolean> TLS_VERIFY_HOSTNAME = Setting.bool("tls-verify-hostname", true);
    /**
     * Lets an endpoint listen in plain text on an address other than loopback (logged as a warning); without it
     * such an endpoint refuses to start. For networks that protect the traffic themselves (a service mesh's
     * sidecar), never for the open network.
     */
    public static final Setting<Boolean> ALLOW_INSECURE = Setting.bool("allow-insecure", false);

    private SecuritySettings() {
    }

    /** The configured {@code security-mode} of a binding's settings ({@value #NONE} when the binding has none). */
    public static String modeOf(BindingSettings settings) {
        return settings.get(MODE_READER);
    }

    /** Reads the mode whatever modes the binding declared (settings are stored by name, checked by the binding's own). */
    private static final Setting<String> MODE_READER = Setting.string("security-mode", NONE);

    /** The {@code security-mode} setting of a binding that can honour these modes (the first is the default). */
    public static Setting<String> mode(String... supported) {
        return Setting.choice("security-mode", supported[0], List.of(supported));
    }

    /** The TLS settings (and {@code allow-insecure}), for a network binding that offers {@value #TRANSPORT}. */
    public static List<Setting<?>> tls() {
        return List.of(CLIENT_CERTIFICATE, TLS_CERTIFICATE, TLS_PRIVATE_KEY, TLS_KEYSTORE_PASSWORD, TLS_TRUST, TLS_VERIFY_HOSTNAME,
                ALLOW_INSECURE);
    }

    /**
     * The TLS material a binding configuration names, checked: the files exist, a server has a certificate, a PEM
     * certificate has its key, a server that asks for client certificates has a trust store to verify them.
     *
     * @param where  the endpoint or client, for messages
     * @param server whether this is a listening endpoint
     * @throws ConfigException naming the setting that is missing or wrong
     */
    public static TlsMaterial tlsMaterial(BindingSettings settings, String where, boolean server) {
        Path certificate = file(settings, TLS_CERTIFICATE, where);
        Path key = file(settings, TLS_PRIVATE_KEY, where);
        Path trust = file(settings, TLS_TRUST, where);
        String password = settings.get(TLS_KEYSTORE_PASSWORD);
        String clientCertificate = settings.get(CLIENT_CERTIFICATE);
        if (server && certificate == null) {
            throw new ConfigException(where + ".tls-certificate", "security-mode transport needs the server's certificate "
                    + "(a PEM chain with tls-private-key, or a PKCS#12 keystore)");
        }
        if (certificate != null && !TlsMaterial.isPkcs12(certificate) && key == null) {
            throw new ConfigException(where + ".tls-private-key", "the PEM certificate " + certificate + " needs its private key");
        }
        if (server && !clientCertificate.equals(CLIENT_CERTIFICATE_NONE) && trust == null) {
            throw new ConfigException(where + ".tls-trust", "client-certificate " + clientCertificate
                    + " needs the CA certificates that verify client certificates");
        }
        return new TlsMaterial(certificate, key, password, trust, clientCertificate, settings.get(TLS_VERIFY_HOSTNAME));
    }

    private static Path file(BindingSettings settings, Setting<String> setting, String where) {
        String value = settings.get(setting);
        if (value == null) {
            return null;
        }
        Path p = Path.of(value);
        if (!Files.isReadable(p)) {
            throw new ConfigException(where + "." + setting.name(), "cannot read " + p.toAbsolutePath());
        }
        return p;
    }

    /**
     * TLS material from configuration.
     *
     * @param certificate       this side's certificate (PEM chain or PKCS#12), or null (a client without one)
     * @param privateKey        its PEM key, or null for PKCS#12
     * @param keystorePassword  the PKCS#12 password, or null
     * @param trust             CA certificates (PEM or PKCS#12) that verify the peer, or null for the JDK's defaults
     *                          (a client) or none (a server that asks for no client certificate)
     * @param clientCertificate none, optional or required (server side)
     * @param verifyHostname    whether a client checks the server's name against its certificate
     */
    public record TlsMaterial(Path certificate, Path privateKey, String keystorePassword, Path trust,
                              String clientCertificate, boolean verifyHostname) {
        /** Whether a file is a PKCS#12 keystore (by its name). */
        public static boolean isPkcs12(Path file) {
            String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return n.endsWith(".p12") || n.endsWith(".pfx");
        }

        /** The key managers of a PKCS#12 {@link #certificate}, opened with {@link #keystorePassword}. */
        public javax.net.ssl.KeyManager[] pkcs12KeyManagers() throws java.io.IOException, java.security.GeneralSecurityException {
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(pkcs12(certificate), keystorePassword == null ? new char[0] : keystorePassword.toCharArray());
            return kmf.getKeyManagers();
        }

        /** The trust managers of a PKCS#12 {@link #trust} store. */
        public javax.net.ssl.TrustManager[] pkcs12TrustManagers() throws java.io.IOException, java.security.GeneralSecurityException {
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(pkcs12(trust));
            return tmf.getTrustManagers();
        }

        private java.security.KeyStore pkcs12(Path file) throws java.io.IOException, java.security.GeneralSecurityException {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = Files.newInputStream(file)) {
                ks.load(in, keystorePassword == null ? null : keystorePassword.toCharArray());
            }
            return ks;
        }

        @Override
        public String toString() {
            return "TlsMaterial[certificate=" + certificate + ", trust=" + trust + ", client-certificate=" + clientCertificate + "]";
        }
    }
}
