package dev.lifeline.notification.ssf;

import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwa.AlgorithmConstraints;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relying parties learn of a recovery's start and of a reset as Security Event Tokens pushed to their receiver,
 * which verify against the key the service publishes and name the account by its opaque id.
 */
@NotificationTest
class SharedSignalsDeliveryTest {

    private static final String ISSUER = "https://notifications.example.test";
    private static final String RECOVERY_ACTIVATED = "https://schemas.openid.net/secevent/risc/event-type/recovery-activated";
    private static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    private static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    private static final String INFORMATION_CHANGED =
            "https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed";

    @Test
    void theTransmitterPublishesItsConfigurationAndKeyWithoutAuthentication() {
        given().get("/.well-known/ssf-configuration").then().statusCode(200)
                .body("issuer", org.hamcrest.Matchers.is(ISSUER))
                .body("jwks_uri", org.hamcrest.Matchers.is(ISSUER + "/.well-known/jwks.json"))
                .body("delivery_methods_supported", org.hamcrest.Matchers.hasItem("urn:ietf:rfc:8935"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", org.hamcrest.Matchers.is("RSA"))
                .body("keys[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("d")));
    }

    @Test
    void aStartAResetAndANewPhoneArePushedAsSetsThatVerifyAgainstThePublishedKey() throws Exception {
        TestRecovery recovery = Recoveries.started("en");
        Recoveries.passwordReset(recovery);
        Recoveries.phoneChanged(recovery, "*******5678");
        Recoveries.cancelled(recovery, dev.lifeline.events.CancelledBy.OWNER); // no shared signal for this

        await().atMost(Duration.ofSeconds(30)).until(() -> claimsFor(recovery).size() >= 4);
        // A fifth SET, for the cancellation, would arrive within this time.
        await("no SET beyond the four").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> claimsFor(recovery).size() == 4);

        List<JwtClaims> claims = claimsFor(recovery);
        assertThat(claims).hasSize(4);
        List<String> events = new ArrayList<>();
        for (JwtClaims set : claims) {
            assertThat(set.getIssuer()).isEqualTo(ISSUER);
            assertThat(set.getAudience()).containsExactly("https://gateway.example.test");
            assertThat(set.getClaimValue("sub_id")).isEqualTo(Map.of("format", "opaque",
                    "id", recovery.accountId().toString()));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) set.getClaimValue("events");
            assertThat(event).hasSize(1);
            events.addAll(event.keySet());
            assertThat(set.toJson()).doesNotContain(recovery.email()).doesNotContain(recovery.phone());
        }
        assertThat(events).containsExactlyInAnyOrder(RECOVERY_ACTIVATED, CREDENTIAL_CHANGE, SESSION_REVOKED,
                INFORMATION_CHANGED);
        assertThat(HttpReceivers.SHARED_SIGNALS.received()).allSatisfy(push ->
                assertThat(push.header("Content-Type")).isEqualTo("application/secevent+jwt"));
    }

    /** The SETs the receiver got for the recovery's account, verified with the key from /.well-known/jwks.json. */
    private static List<JwtClaims> claimsFor(TestRecovery recovery) throws Exception {
        JsonWebKeySet keys = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        var consumer = new JwtConsumerBuilder()
                .setVerificationKey(((PublicJsonWebKey) keys.getJsonWebKeys().get(0)).getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedType(true, "secevent+jwt")
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("https://gateway.example.test")
                .setRequireJwtId()
                .build();
        List<JwtClaims> claims = new ArrayList<>();
        for (HttpReceivers.Request push : HttpReceivers.SHARED_SIGNALS.received()) {
            JwtClaims set = consumer.processToClaims(push.body());
            if (set.toJson().contains(recovery.accountId().toString())) {
                claims.add(set);
            }
        }
        return claims;
    }
}
