package dev.lifeline.notification.ssf;

import dev.lifeline.notification.message.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a notification into signed Security Event Tokens (RFC 8417): one per {@link SecurityEvent}, each a JWS
 * with {@code typ: secevent+jwt}, RS256 and the key's {@code kid}.
 *
 * <p>The claims: {@code iss}, {@code iat}, {@code jti}, {@code aud} (the receiver's, always), {@code txn} (the
 * recovery event, which ties the two SETs of a password change together), {@code sub_id} and {@code events}.
 * No {@code sub} (SSF 1.0 names the subject with {@code sub_id}) and no {@code exp} (RFC 8417 §2.2: a SET is a
 * statement of fact, not a credential that expires).
 *
 * <p>The subject is {@code {"format": "opaque", "id": <accountId>}} (RFC 9493): the account id is the stable
 * identifier the operator shares with its relying parties, and an email address or phone number would put personal
 * data into every signal (and would change when the owner changes it — as recovery-information-changed says).
 *
 * <p>Signed with jose4j directly rather than smallrye-jwt-build's {@code Jwt}: that builder adds an {@code exp}
 * and a random {@code jti} unless {@code smallrye.jwt.new-token.add-default-claims=false} is set for the whole
 * service, and a SET needs neither.
 */
@ApplicationScoped
public class SecurityEventTokens {

    static final String TYPE = "secevent+jwt";

    private final String issuer;
    private final SigningKey key;
    private final Clock clock;

    @Inject
    SecurityEventTokens(SsfConfig config, SigningKey key) {
        this(config, key, Clock.systemUTC());
    }

    SecurityEventTokens(SsfConfig config, SigningKey key, Clock clock) {
        this.issuer = config.issuer().toString();
        this.key = key;
        this.clock = clock;
    }

    /**
     * The SETs for one receiver, in the order they should arrive; empty when the template signals nothing.
     *
     * @param audience the receiver's {@code aud}
     */
    public List<String> sign(Notification notification, String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a SET needs its receiver's audience");
        }
        List<String> tokens = new ArrayList<>();
        for (SecurityEvent event : SecurityEvent.signalling(notification.template())) {
            tokens.add(sign(claims(notification, event, audience)));
        }
        return tokens;
    }

    /**
     * Stable across retries of one delivery (a retry re-sends the same jti, which is how a receiver drops the repeat)
     * and different for each event of it.
     */
    static String jti(Notification notification, SecurityEvent event) {
        String seed = notification.deliveryId() + " " + event.uri();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private JwtClaims claims(Notification notification, SecurityEvent event, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setJwtId(jti(notification, event));
        claims.setIssuedAt(NumericDate.fromSeconds(clock.instant().getEpochSecond()));
        claims.setAudience(audience);
        claims.setClaim("txn", notification.eventId().toString());
        claims.setClaim("sub_id", Map.of("format", "opaque", "id", notification.accountId().toString()));
        claims.setClaim("events", Map.of(event.uri(), event.payload(notification)));
        return claims;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader("typ", TYPE);
        jws.setKey(key.privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a Security Event Token", e);
        }
    }
}
