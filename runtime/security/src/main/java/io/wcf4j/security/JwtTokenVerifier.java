package io.wcf4j.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.spi.ErrorTexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer JWTs with Nimbus JOSE+JWT: the signature against configured public keys (a JWKS file or a PEM
 * public key), with the algorithms each key's type allows only (so {@code alg: none} and HS/RS confusion fail),
 * then {@code iss}, {@code aud}, {@code exp} (required), {@code nbf} with a bounded clock skew. Roles come from a
 * claim (a list of strings, or one space-separated string). Tokens that verified are remembered until they expire,
 * so a client that reuses its token pays for the signature once. Thread-safe.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(JwtTokenVerifier.class);
    static final int MAX_CACHED = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String rolesClaim;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private JwtTokenVerifier(JWKSet keys, SecurityConfig.Jwt config) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithmsFor(keys.getKeys()), new ImmutableJWKSet<>(keys)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(config.audience(),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        this.rolesClaim = config.rolesClaim();
    }

    /**
     * The verifier of a configuration; its key file is read now.
     *
     * @param baseDirectory what a relative key path is relative to
     * @throws ConfigException when the key file is missing or holds no public key
     */
    public static JwtTokenVerifier of(SecurityConfig.Jwt config, Path baseDirectory) {
        String path = "wcf4j.security.jwt.keys";
        Path file = baseDirectory.resolve(config.keys());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path, "cannot read " + file + ": " + e.getMessage());
        }
        JWKSet keys;
        try {
            keys = text.stripLeading().startsWith("{") ? JWKSet.parse(text)
                    : new JWKSet(JWK.parseFromPEMEncodedObjects(text));
        } catch (ParseException | JOSEException e) {
            throw new ConfigException(path, file + " is neither a JWKS document nor a PEM public key: " + e.getMessage());
        }
        return of(keys, config);
    }

    /** A verifier of tokens signed by these keys. */
    public static JwtTokenVerifier of(JWKSet keys, SecurityConfig.Jwt config) {
        JWKSet publicKeys = keys.toPublicJWKSet();
        if (publicKeys.getKeys().isEmpty() && keys.getKeys().isEmpty()) {
            throw new ConfigException("wcf4j.security.jwt.keys", "no keys");
        }
        // a symmetric (oct) key has no public part: keep it, an HMAC key verifies only HS* tokens
        return new JwtTokenVerifier(publicKeys.getKeys().isEmpty() ? keys : merge(publicKeys, keys), config);
    }

    private static JWKSet merge(JWKSet publicKeys, JWKSet all) {
        List<JWK> out = new ArrayList<>(publicKeys.getKeys());
        all.getKeys().stream().filter(k -> k.getKeyType().getValue().equals("oct")).forEach(out::add);
        return new JWKSet(out);
    }

    private static Set<JWSAlgorithm> algorithmsFor(Collection<JWK> keys) {
        Set<JWSAlgorithm> algs = new HashSet<>();
        for (JWK k : keys) {
            switch (k.getKeyType().getValue()) {
                case "RSA" -> algs.addAll(JWSAlgorithm.Family.RSA);
                case "EC" -> algs.addAll(JWSAlgorithm.Family.EC);
                case "OKP" -> algs.addAll(JWSAlgorithm.Family.ED);
                case "oct" -> algs.addAll(JWSAlgorithm.Family.HMAC_SHA);
                default -> { }
            }
        }
        return algs;
    }

    @Override
    public Optional<Identity> verify(String token) {
        String key = digest(token);
        Verified v = verified.get(key);
        if (v != null && Instant.now().isBefore(v.expires)) {
            return Optional.of(v.identity);
        }
        JWTClaimsSet claims;
        try {
            // the key selector only offers a key to a JWS whose algorithm suits its type: an unsigned or
            // HS-over-an-RSA-key token finds no key and fails here
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.info("bearer token refused: {}", ErrorTexts.forLog(e.getMessage()));
            return Optional.empty();
        }
        Identity identity = new Identity(claims.getSubject(), roles(claims.getClaim(rolesClaim)));
        if (verified.size() >= MAX_CACHED) {
            Instant now = Instant.now();
            verified.values().removeIf(x -> !now.isBefore(x.expires));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(key, new Verified(identity, claims.getExpirationTime().toInstant()));
        return Optional.of(identity);
    }

    /** The cache's key: a digest, so that the cache holds no tokens and its size does not grow with theirs. */
    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Set<String> roles(Object claim) {
        if (claim instanceof Collection<?> c) {
            Set<String> roles = new HashSet<>();
            c.forEach(r -> roles.add(String.valueOf(r)));
            return roles;
        }
        if (claim instanceof String s && !s.isBlank()) {
            return Set.of(s.trim().split("\\s+"));
        }
        return Set.of();
    }

    private record Verified(Identity identity, Instant expires) {
    }
}
