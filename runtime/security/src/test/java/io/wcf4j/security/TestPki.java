package io.wcf4j.security;

import io.wcf4j.conformance.ConformanceSecurity;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Development PKIs for the TLS tests, made once per test JVM: the trusted one and a stranger's. */
public final class TestPki {
    private static DevelopmentPki trusted;
    private static DevelopmentPki stranger;

    private TestPki() {
    }

    /** The PKI the servers use: a server certificate for localhost and client certificates for the suite's users. */
    public static synchronized DevelopmentPki trusted() {
        if (trusted == null) {
            trusted = make("trusted");
        }
        return trusted;
    }

    /** Another CA with the same user names: its certificates must be refused. */
    public static synchronized DevelopmentPki stranger() {
        if (stranger == null) {
            stranger = make("stranger");
        }
        return stranger;
    }

    private static DevelopmentPki make(String name) {
        try {
            DevelopmentPki pki = DevelopmentPki.in(Files.createTempDirectory("wcf4j-pki-" + name));
            pki.ensure(Set.of(), List.of(ConformanceSecurity.USER, ConformanceSecurity.ADMIN_USER));
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client certificate for {@code user} from the trusted CA that expired yesterday, and its key: {@code [certificate,
     * key]} PEM files (the certificate file holds the chain, as the PKI's own do).
     */
    public static synchronized Path[] expiredClient(String user) {
        try {
            DevelopmentPki pki = trusted();
            Path certificate = pki.directory().resolve("expired-" + user + ".pem");
            Path key = pki.directory().resolve("expired-" + user + "-key.pem");
            if (!Files.exists(certificate)) {
                Instant now = Instant.now();
                pki.issueClient(user, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), certificate, key);
            }
            return new Path[] {certificate, key};
        } catch (IOException e) {
            throw new IllegalStateException("could not make an expired certificate", e);
        }
    }

    /** A JDK TLS context that trusts a PKI's CA (for hand-written clients). */
    public static SSLContext trusting(DevelopmentPki pki) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pki.caCertificate())) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /** Binding settings plus the trusted PKI's server certificate and key: a TLS server's settings. */
    public static java.util.Map<String, Object> withServerCertificate(java.util.Map<String, Object> settings) {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>(settings);
        s.put("tls-certificate", path(trusted().serverCertificate()));
        s.put("tls-private-key", path(trusted().serverKey()));
        return s;
    }

    /** An HTTP/1.1 client that trusts the trusted PKI's CA. */
    public static java.net.http.HttpClient httpClient() {
        try {
            return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(trusted())).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String path(Path p) {
        return p.toAbsolutePath().toString();
    }
}
