package io.wcf4j.http;

import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/** Tomcat connectors for wcf4j's HTTP endpoints: plain, or TLS from an endpoint's TLS material. */
public final class TomcatConnectors {
    private TomcatConnectors() {
    }

    /**
     * A connector on {@code host:port}; TLS when {@code tls} is given (TLS 1.3 and 1.2, the JDK's implementation,
     * client certificates as configured).
     */
    public static Connector create(String host, int port, TlsMaterial tls) {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", host);
        // clients keep connections open; Tomcat's default closes one after 100 requests
        connector.setProperty("maxKeepAliveRequests", "-1");
        connector.setThrowOnFailure(true);
        if (tls != null) {
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig ssl = new SSLHostConfig();
            ssl.setProtocols("+TLSv1.3,+TLSv1.2");
            ssl.setCertificateVerification(switch (tls.clientCertificate()) {
                case SecuritySettings.CLIENT_CERTIFICATE_REQUIRED -> "required";
                case SecuritySettings.CLIENT_CERTIFICATE_OPTIONAL -> "optional";
                default -> "none";
            });
            if (tls.trust() != null) {
                // a key store, not caCertificateFile: Tomcat's JSSE implementation reads only trust stores
                try {
                    ssl.setTrustStore(HttpTls.trustStore(tls.trust(), tls.keystorePassword()));
                } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                    throw new io.wcf4j.config.ConfigException("tls-trust", "cannot read " + tls.trust() + ": " + e.getMessage());
                }
            }
            SSLHostConfigCertificate cert = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
            if (TlsMaterial.isPkcs12(tls.certificate())) {
                cert.setCertificateKeystoreFile(tls.certificate().toAbsolutePath().toString());
                cert.setCertificateKeystoreType("PKCS12");
                cert.setCertificateKeystorePassword(tls.keystorePassword());
            } else {
                cert.setCertificateFile(tls.certificate().toAbsolutePath().toString());
                cert.setCertificateKeyFile(tls.privateKey().toAbsolutePath().toString());
            }
            ssl.addCertificate(cert);
            connector.addSslHostConfig(ssl);
        }
        return connector;
    }
}
