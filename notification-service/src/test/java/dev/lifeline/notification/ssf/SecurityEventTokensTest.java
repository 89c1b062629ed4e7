package dev.lifeline.notification.ssf;

import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Template;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityEventTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:16:00Z");
    private static final String AUDIENCE = "https://rp.example";

    private final SecurityEventTokens tokens = new SecurityEventTokens(TestSsfConfig.withReceivers(), SetVerifier.KEY,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRecoveryStartSendsOneRecoveryActivatedSet() throws Exception {
        List<String> sets = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), AUDIENCE);

        assertThat(sets).hasSize(1);
        assertThat(events(sets.get(0))).containsExactly(
                Map.entry("https://schemas.openid.net/secevent/risc/event-type/recovery-activated", Map.of()));
    }

    @Test
    void aPasswordChangeSendsACredentialChangeAndASessionRevokedSet() throws Exception {
        List<String> sets = tokens.sign(Notifications.of(Template.PASSWORD_CHANGED), AUDIENCE);

        long occurredAt = Notifications.OCCURRED_AT.getEpochSecond();
        assertThat(sets).hasSize(2);
        assertThat(events(sets.get(0))).containsExactly(Map.entry(
                "https://schemas.openid.net/secevent/caep/event-type/credential-change",
                Map.of("credential_type", "password", "change_type", "update", "event_timestamp", occurredAt)));
        assertThat(events(sets.get(1))).containsExactly(Map.entry(
                "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
                Map.of("event_timestamp", occurredAt)));
    }

    @Test
    void aPhoneChangeSendsOneRecoveryInformationChangedSet() throws Exception {
        List<String> sets = tokens.sign(Notifications.of(Template.PHONE_CHANGED), AUDIENCE);

        assertThat(sets).hasSize(1);
        assertThat(events(sets.get(0))).containsExactly(Map.entry(
                "https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed", Map.of()));
    }

    @Test
    void aNewSetOfRecoveryCodesSendsOneRecoveryInformationChangedSetAboutTheAccount() throws Exception {
        Notification issued = Notifications.ofAccountEvent(Template.RECOVERY_CODES_ISSUED);

        List<String> sets = tokens.sign(issued, AUDIENCE);

        assertThat(sets).hasSize(1);
        assertThat(events(sets.get(0))).containsExactly(Map.entry(
                "https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed", Map.of()));
        assertThat(SetVerifier.verify(sets.get(0), AUDIENCE).getJwtClaims().getClaimValue("sub_id"))
                .isEqualTo(Map.of("format", "opaque", "id", issued.accountId().toString()));
    }

    @ParameterizedTest
    @EnumSource(value = Template.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"RECOVERY_STARTED", "PASSWORD_CHANGED", "PHONE_CHANGED", "RECOVERY_CODES_ISSUED"})
    void templatesWithoutASharedSignalGiveNoSets(Template template) {
        assertThat(tokens.sign(Notifications.of(template), AUDIENCE)).isEmpty();
    }

    @Test
    void aSetIsAnRs256SecEventJwtNamingItsKey() throws Exception {
        String set = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), AUDIENCE).get(0);

        JsonWebStructure jws = SetVerifier.verify(set, AUDIENCE).getJoseObjects().get(0);
        assertThat(jws.getHeader("typ")).isEqualTo("secevent+jwt");
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("test-key");
    }

    @Test
    void aSetNamesTheAccountAsAnOpaqueSubjectAndCarriesNoContactData() throws Exception {
        Notification notification = Notifications.of(Template.PASSWORD_CHANGED);

        for (String set : tokens.sign(notification, AUDIENCE)) {
            JwtContext verified = SetVerifier.verify(set, AUDIENCE);
            JwtClaims claims = verified.getJwtClaims();
            assertThat(claims.getClaimValue("sub_id"))
                    .isEqualTo(Map.of("format", "opaque", "id", notification.accountId().toString()));
            assertThat(claims.hasClaim("sub")).isFalse();
            assertThat(claims.getRawJson()).doesNotContain(Notifications.EMAIL, Notifications.PHONE, "****");
        }
    }

    @Test
    void aSetCarriesTheIssuerTheReceiversAudienceAndWhenItWasIssuedButNoExpiry() throws Exception {
        String set = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), AUDIENCE).get(0);

        JwtClaims claims = SetVerifier.verify(set, AUDIENCE).getJwtClaims();
        assertThat(claims.getIssuer()).isEqualTo("https://lifeline.example");
        assertThat(claims.getAudience()).containsExactly("https://rp.example");
        assertThat(claims.getIssuedAt().getValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.hasClaim("exp")).isFalse();
    }

    @Test
    void noSetIsSignedWithoutAnAudience() {
        for (String none : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> tokens.sign(Notifications.of(Template.RECOVERY_STARTED), none))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
        }
    }

    @Test
    void aSetMeantForAnotherReceiverFailsThisReceiversAudienceCheck() {
        String set = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), "https://other-rp.example").get(0);

        assertThatThrownBy(() -> SetVerifier.verify(set, AUDIENCE)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void theTwoSetsOfAPasswordChangeShareTheRecoveryEventAsTxn() throws Exception {
        Notification notification = Notifications.of(Template.PASSWORD_CHANGED);

        List<String> sets = tokens.sign(notification, AUDIENCE);

        assertThat(claims(sets.get(0)).getClaimValue("txn")).isEqualTo(notification.eventId().toString());
        assertThat(claims(sets.get(1)).getClaimValue("txn")).isEqualTo(notification.eventId().toString());
    }

    @Test
    void aRetrySendsTheSameJtiAndEachEventHasItsOwn() throws Exception {
        Notification notification = Notifications.of(Template.PASSWORD_CHANGED);
        SecurityEventTokens later = new SecurityEventTokens(TestSsfConfig.withReceivers(), SetVerifier.KEY,
                Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));

        List<String> first = tokens.sign(notification, AUDIENCE);
        List<String> retry = later.sign(notification, AUDIENCE);

        assertThat(claims(retry.get(0)).getJwtId()).isEqualTo(claims(first.get(0)).getJwtId());
        assertThat(claims(retry.get(1)).getJwtId()).isEqualTo(claims(first.get(1)).getJwtId());
        assertThat(claims(first.get(0)).getJwtId()).isNotEqualTo(claims(first.get(1)).getJwtId());
    }

    @Test
    void anotherDeliveryOfTheSameTemplateGetsAnotherJti() throws Exception {
        String one = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), AUDIENCE).get(0);
        String other = tokens.sign(Notifications.of(Template.RECOVERY_STARTED), AUDIENCE).get(0);

        assertThat(claims(one).getJwtId()).isNotEqualTo(claims(other).getJwtId());
    }

    @Test
    void aSetWhosePayloadWasTamperedWithFailsVerification() {
        Notification notification = Notifications.of(Template.RECOVERY_STARTED);
        String set = tokens.sign(notification, AUDIENCE).get(0);
        String[] parts = set.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace(notification.accountId().toString(), "00000000-0000-0000-0000-000000000000");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(forged).isNotEqualTo(payload);
        assertThatThrownBy(() -> SetVerifier.verify(tampered, AUDIENCE)).isInstanceOf(InvalidJwtException.class);
    }

    private static JwtClaims claims(String set) throws InvalidJwtException {
        return SetVerifier.verify(set, AUDIENCE).getJwtClaims();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> events(String set) throws Exception {
        return (Map<String, Object>) claims(set).getClaimValue("events");
    }
}
