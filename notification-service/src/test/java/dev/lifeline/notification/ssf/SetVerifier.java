package dev.lifeline.notification.ssf;

import io.quarkus.runtime.LaunchMode;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

import java.util.Optional;

/** Checks a SET as a receiver would: RS256 with our public key, typ secevent+jwt, our issuer, its aud, a jti and an iat. */
final class SetVerifier {

    /** One key for all tests: making a 2048-bit key takes a noticeable moment. */
    static final SigningKey KEY = new SigningKey(Optional.empty(), Optional.of("test-key"), LaunchMode.TEST);

    private SetVerifier() {
    }

    /** Requires {@code audience} as the token's {@code aud}, as a receiver that checks it is the audience does. */
    static JwtContext verify(String token, String audience) throws InvalidJwtException {
        JwtConsumerBuilder consumer = new JwtConsumerBuilder()
                .setVerificationKey(KEY.publicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedType(true, SecurityEventTokens.TYPE)
                .setExpectedIssuer(TestSsfConfig.ISSUER.toString())
                .setRequireJwtId()
                .setRequireIssuedAt();
        consumer.setExpectedAudience(true, audience);
        return consumer.build().process(token);
    }
}
