package io.wcf4j.binding.tcp;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Netty TLS contexts from configured TLS material: TLS 1.3 and 1.2 only; BoringSSL (netty-tcnative) where its native
 * library loads, which costs less per record than the JDK's engine, else the JDK's.
 */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final SslProvider PROVIDER = io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

    private TlsContexts() {
    }

    static SslContext server(TlsMaterial tls, String where) {
        try {
            SslContextBuilder b = SecuritySettings.TlsMaterial.isPkcs12(tls.certificate())
                    ? SslContextBuilder.forServer(keyManagers(tls))
                    : SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile());
            b.sslProvider(PROVIDER).protocols(PROTOCOLS).clientAuth(switch (tls.clientCertificate()) {
                case SecuritySettings.CLIENT_CERTIFICATE_REQUIRED -> ClientAuth.REQUIRE;
                case SecuritySettings.CLIENT_CERTIFICATE_OPTIONAL -> ClientAuth.OPTIONAL;
                default -> ClientAuth.NONE;
            });
            trust(b, tls);
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(where + ".tls-certificate", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }

    static SslContext client(TlsMaterial tls, String where) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(PROVIDER).protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
            if (tls.certificate() != null) {
                if (SecuritySettings.TlsMaterial.isPkcs12(tls.certificate())) {
                    b.keyManager(keyManagers(tls));
                } else {
                    b.keyManager(tls.certificate().toFile(), tls.privateKey().toFile());
                }
            }
            trust(b, tls);
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(where + ".tls-trust", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }

    private static void trust(SslContextBuilder b, TlsMaterial tls) throws IOException, GeneralSecurityException {
        if (tls.trust() == null) {
            return;   // a client: the JDK's trusted CAs; a server: no client certificates asked for
        }
        if (SecuritySettings.TlsMaterial.isPkcs12(tls.trust())) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(tls.trust(), tls.keystorePassword()));
            b.trustManager(tmf);
        } else {
            b.trustManager(tls.trust().toFile());
        }
    }

    private static KeyManagerFactory keyManagers(TlsMaterial tls) throws IOException, GeneralSecurityException {
        char[] password = tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(tls.certificate(), tls.keystorePassword()), password);
        return kmf;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    /** A short reason for a failed handshake, for the caller and the log. */
    static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof SSLException && c.getMessage() != null)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
