package io.wcf4j.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A bearer token for the bench's REST row, signed with the host's development key (as `wcf4j token` makes them). */
final class DevelopmentTokens {
    private DevelopmentTokens() {
    }

    static String mint(Path signingKey, String subject) throws Exception {
        ECKey key = ECKey.parse(Files.readString(signingKey));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("wcf4j-development").audience("wcf4j-ledger").subject(subject)
                        .claim("roles", List.of("teller")).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
