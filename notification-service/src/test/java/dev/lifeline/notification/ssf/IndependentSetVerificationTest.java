package dev.lifeline.notification.ssf;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lifeline.notification.message.Template;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a relying party's own JOSE library (Nimbus, not the jose4j the service signs with) makes of the SETs, checking
 * what RFC 8417 and a careful receiver ask: RS256 with the published key, {@code typ: secevent+jwt}, this issuer,
 * itself as the audience, {@code iat} and {@code jti} (issue 28.1).
 */
class IndependentSetVerificationTest {

    private static final String AUDIENCE = "https://rp.example";

    private final SecurityEventTokens tokens = new SecurityEventTokens(TestSsfConfig.withReceivers(), SetVerifier.KEY,
            Clock.systemUTC());

    @Test
    void aReceiversOwnJoseLibraryAcceptsEverySetMeantForIt() throws Exception {
        for (Template template : Template.values()) {
            for (String set : tokens.sign(Notifications.of(template), AUDIENCE)) {
                JWTClaimsSet claims = receiver(AUDIENCE).process(set, null);

                assertThat(claims.getAudience()).as("%s", template).containsExactly(AUDIENCE);
                assertThat(claims.getClaim("events")).as("%s", template).isNotNull();
            }
        }
    }

    @Test
    void aSetMeantForAnotherReceiverIsRejectedByThisOne() {
        String set = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), "https://other-rp.example").get(0);

        assertThat(catchThrowable(() -> receiver(AUDIENCE).process(set, null)))
                .isInstanceOf(BadJWTException.class).hasMessageContaining("aud");
    }

    /** The keys as {@code /.well-known/jwks.json} publishes them, parsed by the receiver's library. */
    private static JWKSet publishedKeys() {
        try {
            return JWKSet.parse(Map.of("keys", List.of(SetVerifier.KEY.publicJwk())));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DefaultJWTProcessor<SecurityContext> receiver(String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("secevent+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(publishedKeys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(TestSsfConfig.ISSUER.toString()).build(),
                Set.of("iss", "aud", "iat", "jti")));
        return processor;
    }
}
