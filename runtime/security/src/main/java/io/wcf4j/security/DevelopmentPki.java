package io.wcf4j.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A development PKI, made on a host's first start when no keystore is configured, so that TLS, mutual TLS, X.509
 * message security and bearer tokens work out of the box: a CA, a server certificate for {@code localhost} (and
 * the given host names), a client certificate per demo user (CN = the user name) and a JWT signing key. Never for
 * production: the CA's key sits beside its certificate. Files (in the given directory, private keys readable by
 * the owner only):
 *
 * <table>
 *   <caption>files</caption>
 *   <tr><td>{@value #CA_CERTIFICATE}, {@value #CA_KEY}</td><td>the CA (trust this in clients)</td></tr>
 *   <tr><td>{@value #SERVER_CERTIFICATE}, {@value #SERVER_KEY}, {@value #SERVER_PKCS12}</td><td>the server's
 *       certificate chain and key (PEM), and both in PKCS#12</td></tr>
 *   <tr><td>{@code client-<user>.pem}, {@code client-<user>-key.pem}, {@code client-<user>.p12}</td><td>a
 *       user's client certificate</td></tr>
 *   <tr><td>{@value #JWT_SIGNING_KEY}, {@value #JWT_KEYS}</td><td>the JWT signing key (a private JWK) and its
 *       public JWKS</td></tr>
 * </table>
 *
 * PKCS#12 files have the password {@value #PKCS12_PASSWORD}. Keys are RSA 2048 (what WS-Security's
 * asymmetric encryption needs), the token key EC P-256. Certificates are made with Bouncy Castle.
 */
public final class DevelopmentPki {
    public static final String CA_CERTIFICATE = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String SERVER_CERTIFICATE = "server.pem";
    public static final String SERVER_KEY = "server-key.pem";
    public static final String SERVER_PKCS12 = "server.p12";
    public static final String JWT_SIGNING_KEY = "jwt-signing-key.json";
    public static final String JWT_KEYS = "jwt-keys.json";
    public static final String PKCS12_PASSWORD = "changeit";
    /** The issuer and audience of development tokens. */
    public static final String TOKEN_ISSUER = "wcf4j-development";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(397);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    private DevelopmentPki(Path directory) {
        this.directory = directory;
    }

    /** The PKI in a directory, as far as it exists. */
    public static DevelopmentPki in(Path directory) {
        return new DevelopmentPki(directory);
    }

    public Path directory() {
        return directory;
    }

    public Path caCertificate() {
        return directory.resolve(CA_CERTIFICATE);
    }

    public Path serverCertificate() {
        return directory.resolve(SERVER_CERTIFICATE);
    }

    public Path serverKey() {
        return directory.resolve(SERVER_KEY);
    }

    public Path clientCertificate(String user) {
        return directory.resolve("client-" + user + ".pem");
    }

    public Path clientKey(String user) {
        return directory.resolve("client-" + user + "-key.pem");
    }

    public Path clientPkcs12(String user) {
        return directory.resolve("client-" + user + ".p12");
    }

    public Path jwtSigningKey() {
        return directory.resolve(JWT_SIGNING_KEY);
    }

    public Path jwtKeys() {
        return directory.resolve(JWT_KEYS);
    }

    /**
     * Makes whatever is missing: the CA, the server certificate, a client certificate per user, the token key.
     * What exists is kept (so clients that trust the CA keep working across restarts).
     *
     * @param hostNames more names for the server certificate besides {@code localhost}, 127.0.0.1 and ::1
     * @return the files made, empty when everything existed
     */
    public List<Path> ensure(Collection<String> hostNames, Collection<String> users) throws IOException {
        List<Path> made = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            KeyPair caKeys;
            X509Certificate ca;
            if (Files.exists(caCertificate()) && Files.exists(directory.resolve(CA_KEY))) {
                ca = readCertificate(caCertificate());
                caKeys = new KeyPair(ca.getPublicKey(), readPrivateKey(directory.resolve(CA_KEY)));
            } else {
                caKeys = rsa();
                ca = certificate("CN=wcf4j development CA " + UUID.randomUUID().toString().substring(0, 8), caKeys, null, caKeys,
                        CA_VALIDITY, Kind.CA, Set.of());
                writePrivate(directory.resolve(CA_KEY), pem(new JcaPKCS8Generator(caKeys.getPrivate(), null).generate()), made);
                writePublic(caCertificate(), pem(ca), made);
            }
            if (!Files.exists(serverCertificate()) || !Files.exists(serverKey())) {
                KeyPair keys = rsa();
                Set<String> names = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
                names.addAll(hostNames);
                X509Certificate cert = certificate("CN=localhost", keys, ca, caKeys, LEAF_VALIDITY, Kind.SERVER, names);
                writeLeaf(serverCertificate(), serverKey(), directory.resolve(SERVER_PKCS12), "server", keys.getPrivate(), cert, ca, made);
            }
            for (String user : users) {
                if (!Files.exists(clientCertificate(user)) || !Files.exists(clientKey(user))) {
                    KeyPair keys = rsa();
                    X509Certificate cert = certificate("CN=" + user, keys, ca, caKeys, LEAF_VALIDITY, Kind.CLIENT, Set.of());
                    writeLeaf(clientCertificate(user), clientKey(user), clientPkcs12(user), user, keys.getPrivate(), cert, ca, made);
                }
            }
            if (!Files.exists(jwtSigningKey()) || !Files.exists(jwtKeys())) {
                ECKey key = new ECKeyGenerator(Curve.P_256).keyID("dev-" + UUID.randomUUID().toString().substring(0, 8)).generate();
                writePrivate(jwtSigningKey(), key.toJSONString(), made);
                writePublic(jwtKeys(), new JWKSet(key.toPublicJWK()).toString(), made);
            }
        } catch (GeneralSecurityException | OperatorCreationException | JOSEException e) {
            throw new IOException("could not make the development PKI in " + directory + ": " + e.getMessage(), e);
        }
        return made;
    }

    /**
     * Issues, from this PKI's CA (which must exist), a client certificate for {@code user} valid only from {@code
     * notBefore} to {@code notAfter}, and writes it (PEM, with the CA after it) and its key (PKCS#8 PEM) to the given
     * files: for a certificate that has expired or is not valid yet, to check that it is refused.
     */
    public void issueClient(String user, Instant notBefore, Instant notAfter, Path certificate, Path key) throws IOException {
        try {
            X509Certificate ca = readCertificate(caCertificate());
            KeyPair caKeys = new KeyPair(ca.getPublicKey(), readPrivateKey(directory.resolve(CA_KEY)));
            KeyPair keys = rsa();
            X509Certificate cert = certificate("CN=" + user, keys, ca, caKeys, notBefore, notAfter, Kind.CLIENT, Set.of());
            List<Path> made = new ArrayList<>();
            writePrivate(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()), made);
            writePublic(certificate, pem(cert) + pem(ca), made);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not issue a certificate for " + user + ": " + e.getMessage(), e);
        }
    }

    private enum Kind { CA, SERVER, CLIENT }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, X509Certificate issuer, KeyPair issuerKeys,
                                               Duration validity, Kind kind, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        return certificate(subject, keys, issuer, issuerKeys, now.minus(Duration.ofMinutes(5)), now.plus(validity), kind, names);
    }

    private static X509Certificate certificate(String subject, KeyPair keys, X509Certificate issuer, KeyPair issuerKeys,
                                               Instant notBefore, Instant notAfter, Kind kind, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name issuerName = issuer == null ? new X500Name(subject) : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(128, RANDOM).abs(),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        switch (kind) {
            case CA -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                List<GeneralName> sans = new ArrayList<>();
                for (String n : names) {
                    sans.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            case CLIENT -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                // digital signature for TLS and XML signature; key encipherment for WS-Security encryption to it
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static void writeLeaf(Path certificate, Path key, Path pkcs12, String alias, PrivateKey privateKey,
                                  X509Certificate cert, X509Certificate ca, List<Path> made) throws IOException, GeneralSecurityException {
        writePrivate(key, pem(new JcaPKCS8Generator(privateKey, null).generate()), made);
        writePublic(certificate, pem(cert) + pem(ca), made);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, privateKey, PKCS12_PASSWORD.toCharArray(), new Certificate[]{cert, ca});
        Path tmp = Files.createTempFile(pkcs12.getParent(), ".p12", ".tmp");
        restrict(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, PKCS12_PASSWORD.toCharArray());
        }
        Files.move(tmp, pkcs12, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        made.add(pkcs12);
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static void writePrivate(Path file, String content, List<Path> made) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        restrict(tmp);
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        made.add(file);
    }

    private static void writePublic(Path file, String content, List<Path> made) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        made.add(file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }

    /** The first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new IOException(pem + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
    }

    /** The private key of a PEM file (PKCS#8, or a traditional key pair). */
    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return c.getKeyPair(pair).getPrivate();
            }
            throw new IOException(pem + " holds no unencrypted private key");
        }
    }
}
