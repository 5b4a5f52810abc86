package io.wcf4j.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentPkiTest {

    @Test
    void makesACaAServerAndAClientPerUser_onceThenKeepsThem(@TempDir Path dir) throws Exception {
        DevelopmentPki pki = DevelopmentPki.in(dir.resolve("pki"));
        List<Path> made = pki.ensure(Set.of("ledger.example"), List.of("alice"));
        assertThat(made).contains(pki.caCertificate(), pki.serverCertificate(), pki.serverKey(), pki.clientCertificate("alice"),
                pki.clientKey("alice"), pki.clientPkcs12("alice"), pki.jwtSigningKey(), pki.jwtKeys());

        X509Certificate ca = DevelopmentPki.readCertificate(pki.caCertificate());
        X509Certificate server = DevelopmentPki.readCertificate(pki.serverCertificate());
        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertThat(server.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("localhost", "127.0.0.1", "ledger.example");
        X509Certificate alice = DevelopmentPki.readCertificate(pki.clientCertificate("alice"));
        alice.verify(ca.getPublicKey());
        assertThat(AuthenticationBehavior.commonName(alice)).isEqualTo("alice");
        assertThat(alice.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.clientPkcs12("alice"))) {
            p12.load(in, DevelopmentPki.PKCS12_PASSWORD.toCharArray());
        }
        assertThat(p12.getCertificateChain("alice")).hasSize(2);
        assertThat(DevelopmentPki.readPrivateKey(pki.clientKey("alice")).getAlgorithm()).isEqualTo("RSA");
        for (Path secret : List.of(pki.clientKey("alice"), pki.serverKey(), pki.clientPkcs12("alice"), pki.jwtSigningKey(),
                dir.resolve("pki").resolve(DevelopmentPki.CA_KEY))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString()).isEqualTo("rw-------");
        }

        assertThat(pki.ensure(Set.of("ledger.example"), List.of("alice"))).as("nothing is remade").isEmpty();
        List<Path> bob = pki.ensure(Set.of(), List.of("alice", "bob"));
        assertThat(bob).containsExactlyInAnyOrder(pki.clientCertificate("bob"), pki.clientKey("bob"), pki.clientPkcs12("bob"));
        DevelopmentPki.readCertificate(pki.clientCertificate("bob")).verify(ca.getPublicKey());
    }
}
