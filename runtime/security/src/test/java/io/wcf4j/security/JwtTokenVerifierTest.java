package io.wcf4j.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.SecurityConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTokenVerifierTest {
    private static final SecurityConfig.Jwt CONFIG = new SecurityConfig.Jwt("https://issuer.test", "wcf4j-ledger", "keys.json",
            "roles", Duration.ofSeconds(30));
    private static RSAKey signingKey;
    private static JwtTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        verifier = JwtTokenVerifier.of(new JWKSet(signingKey), CONFIG);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("https://issuer.test").audience("wcf4j-ledger").subject("alice")
                .claim("roles", List.of("customer")).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String rs256(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    @Test
    void aValidToken_givesItsSubjectAndRoles() throws Exception {
        assertThat(verifier.verify(rs256(c -> c))).hasValueSatisfying(i -> {
            assertThat(i.name()).isEqualTo("alice");
            assertThat(i.roles()).containsExactly("customer");
        });
        assertThat(verifier.verify(rs256(c -> c.claim("roles", "teller auditor"))))
                .hasValueSatisfying(i -> assertThat(i.roles()).containsExactlyInAnyOrder("teller", "auditor"));
    }

    @Test
    void expiredNotYetValidWrongAudienceWrongIssuerOrNoExpiry_areRefused() throws Exception {
        Instant now = Instant.now();
        assertThat(verifier.verify(rs256(c -> c.expirationTime(Date.from(now.minusSeconds(120)))))).as("expired").isEmpty();
        assertThat(verifier.verify(rs256(c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))))).as("not yet valid").isEmpty();
        assertThat(verifier.verify(rs256(c -> c.audience("another-service")))).as("audience").isEmpty();
        assertThat(verifier.verify(rs256(c -> c.issuer("https://evil.test")))).as("issuer").isEmpty();
        assertThat(verifier.verify(rs256(c -> c.expirationTime(null)))).as("no exp").isEmpty();
        assertThat(verifier.verify(rs256(c -> c.expirationTime(Date.from(now.minusSeconds(10)))))).as("within the skew").isPresent();
    }

    @Test
    void algNone_isRefused() {
        assertThat(verifier.verify(new PlainJWT(claims().build()).serialize())).isEmpty();
    }

    @Test
    void hsSignedWithThePublicKeyAsSecret_isRefused() throws Exception {
        // the classic confusion: an attacker HMACs with the (public) RSA modulus bytes and says alg HS256
        byte[] publicBytes = signingKey.toPublicJWK().toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        forged.sign(new MACSigner(publicBytes));
        assertThat(verifier.verify(forged.serialize())).isEmpty();
    }

    @Test
    void anotherKeysSignatureOrATamperedToken_isRefused() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256, null, null, null, null, null, null, null, null, null, "k1", true, null, null), claims().build());
        jwt.sign(new RSASSASigner(other));
        assertThat(verifier.verify(jwt.serialize())).isEmpty();
        String good = rs256(c -> c);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().subject("mallory").build().toString().getBytes()) + "." + parts[2];
        assertThat(verifier.verify(tampered)).isEmpty();
    }

    @Test
    void garbage_isRefused() {
        for (String g : List.of("", "x", "a.b.c", "!!!.???.###", "eyJhbGciOiJSUzI1NiJ9.e30")) {
            assertThat(verifier.verify(g)).as(g).isEmpty();
        }
    }

    @Test
    void keysFromAJwksFileOrAPemFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keys.json"), new JWKSet(signingKey.toPublicJWK()).toString());
        assertThat(JwtTokenVerifier.of(CONFIG, dir).verify(rs256(c -> c))).isPresent();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(signingKey.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("key.pem"), pem);
        SecurityConfig.Jwt pemConfig = new SecurityConfig.Jwt(CONFIG.issuer(), CONFIG.audience(), "key.pem", "roles", Duration.ofSeconds(30));
        // a PEM key has no key id: it verifies tokens that name none (a JWKS is for rotation by kid)
        SignedJWT noKid = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
        noKid.sign(new RSASSASigner(signingKey));
        assertThat(JwtTokenVerifier.of(pemConfig, dir).verify(noKid.serialize())).isPresent();
        Files.writeString(dir.resolve("junk"), "not a key");
        SecurityConfig.Jwt junk = new SecurityConfig.Jwt(CONFIG.issuer(), CONFIG.audience(), "junk", "roles", Duration.ofSeconds(30));
        assertThatThrownBy(() -> JwtTokenVerifier.of(junk, dir)).isInstanceOf(ConfigException.class).hasMessageContaining("wcf4j.security.jwt.keys");
        SecurityConfig.Jwt missing = new SecurityConfig.Jwt(CONFIG.issuer(), CONFIG.audience(), "nope.json", "roles", Duration.ofSeconds(30));
        assertThatThrownBy(() -> JwtTokenVerifier.of(missing, dir)).isInstanceOf(ConfigException.class).hasMessageContaining("nope.json");
    }
}
