package io.wcf4j.clients.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token}: mints a short-lived development JWT with a development signing key (Nimbus JOSE+JWT signs it). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a short-lived bearer token signed with a development key, for a development host "
                + "(its <data-dir>/pki/jwt-signing-key.json). Never for production: whoever holds the key is anyone.",
        footer = {"", "Example:", "  wcf4j token --key data/pki/jwt-signing-key.json --subject alice --role customer > alice.jwt",
                "  wcf4j call https://localhost:8443/api/ledger getTotals --ca data/pki/ca.pem --token-file alice.jwt"})
final class TokenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "The signing key: a private JWK (EC or RSA).")
    Path key;

    @Option(names = "--subject", paramLabel = "NAME", required = true, description = "Whom the token names (the principal).")
    String subject;

    @Option(names = "--role", paramLabel = "ROLE", description = "A role the token grants. Repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "10m", description = "How long it is valid (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--issuer", defaultValue = "wcf4j-development", description = "iss (default: ${DEFAULT-VALUE}).")
    String issuer;

    @Option(names = "--audience", defaultValue = "wcf4j-ledger", description = "aud (default: ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "--roles-claim", defaultValue = "roles", description = "The claim that lists the roles (default: ${DEFAULT-VALUE}).")
    String rolesClaim;

    @Override
    public Integer call() throws Exception {
        Duration validity;
        try {
            validity = io.wcf4j.config.Durations.parse(ttl);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ttl " + ttl + ": " + e.getMessage());
        }
        JWK jwk;
        try {
            jwk = JWK.parse(Files.readString(key, StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.text.ParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key " + key + ": not a JWK (" + e.getMessage() + ")");
        }
        if (!jwk.isPrivate()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key " + key + " holds a public key: signing needs the private one");
        }
        JWSSigner signer;
        JWSAlgorithm alg;
        try {
            if (jwk instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
                alg = JWSAlgorithm.ES256;
            } else if (jwk instanceof RSAKey rsa) {
                signer = new RSASSASigner(rsa);
                alg = JWSAlgorithm.RS256;
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key " + key + ": an EC or RSA key is needed");
            }
        } catch (JOSEException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key " + key + ": " + e.getMessage());
        }
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(jwk.getKeyID()).build(), new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(subject).claim(rolesClaim, roles)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(signer);
        System.out.println(jwt.serialize());
        return 0;
    }
}
