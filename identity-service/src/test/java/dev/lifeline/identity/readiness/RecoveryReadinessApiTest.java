package dev.lifeline.identity.readiness;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.KycProfileChanged;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.ParticipantEvents;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/accounts/{accountId}/recovery-readiness} across account shapes, with the KYC part arriving as
 * kyc-service's KycProfileChanged on the real broker.
 */
@IdentityTest
class RecoveryReadinessApiTest {

    private static final List<IdentityFact> ALL_FACTS =
            List.of(IdentityFact.ID_NUMBER, IdentityFact.BANK_CARD, IdentityFact.REGISTRATION);

    @Inject
    TestAccounts accounts;

    @Test
    void theMainCaseIsShownWithItsMethodsAndChineseAdviceByDefault() {
        Owner owner = accounts.create(); // verified email, suspended phone, zh-CN, no MFA
        kycProfile(owner.id(), 3, ALL_FACTS);

        Response response = readiness(owner.id(), null);

        response.then().statusCode(200).header("Cache-Control", "no-store").header("Content-Language", "zh-CN");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("rating")).isEqualTo("GOOD");
        assertThat(body.getString("email.status")).isEqualTo("VERIFIED");
        assertThat(body.getString("phone.status")).isEqualTo("SUSPENDED");
        assertThat(body.getInt("identityProofing.securityQuestions")).isEqualTo(3);
        assertThat(body.getList("identityProofing.facts")).containsExactly("ID_NUMBER", "BANK_CARD", "REGISTRATION");
        assertThat(body.getInt("recoveryCodes.left")).isZero();
        assertThat(body.getBoolean("mfaEnrolled")).isFalse();
        assertThat(body.getList("advice.code")).containsExactly("BIND_NEW_PHONE", "SET_UP_RECOVERY_CODES",
                "ADD_SECOND_FACTOR");
        assertThat(body.getString("advice[0].message")).contains("手机号");
        assertThat(response.asString()).doesNotContain(owner.email()).doesNotContain(owner.phone());
    }

    @Test
    void acceptLanguageChoosesEnglishAdvice() {
        Owner owner = accounts.create();

        Response response = readiness(owner.id(), "en-GB,en;q=0.8");

        response.then().statusCode(200).header("Content-Language", "en");
        assertThat(response.jsonPath().getString("advice[0].message")).contains("phone number is out of service");
    }

    @Test
    void withoutKycFactsAndEmailVerificationTheAccountIsAtRisk() {
        Owner owner = accounts.create(false, false);

        JsonPath body = readiness(owner.id(), "en").jsonPath();

        assertThat(body.getString("rating")).isEqualTo("AT_RISK");
        assertThat(body.getString("email.status")).isEqualTo("UNVERIFIED");
        assertThat(body.getList("advice.code")).contains("VERIFY_EMAIL", "ADD_IDENTITY_DETAILS");
    }

    @Test
    void issuedAndUsedRecoveryCodesAreCountedAndMakeTheAccountStrong() {
        Owner owner = accounts.create();
        kycProfile(owner.id(), 2, List.of(IdentityFact.ID_NUMBER));
        List<String> codes = as(TestTokens.gatewayFor(owner.id())).post("/api/v1/accounts/" + owner.id() + "/recovery-codes")
                .then().statusCode(201).extract().jsonPath().getList("codes", String.class);
        assertThat(readiness(owner.id(), "en").jsonPath().getString("rating")).isEqualTo("STRONG");

        Started started = TestRecoveries.start(owner.username());
        anonymous().header("Recovery-Token", started.token()).body(Map.of("code", codes.get(0)))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/recovery-code").then().statusCode(200);

        JsonPath body = readiness(owner.id(), "en").jsonPath();
        assertThat(body.getInt("recoveryCodes.left")).isEqualTo(9);
        assertThat(body.getBoolean("recoveryCodes.replaceIdentityProofing")).isTrue();
        assertThat(body.getList("advice.code")).containsExactly("BIND_NEW_PHONE", "ADD_SECOND_FACTOR");
    }

    @Test
    void anMfaAccountsCodesAreCountedButDoNotReplaceIdentityProofing() {
        Owner owner = accounts.create(true, true);
        as(TestTokens.gatewayFor(owner.id())).post("/api/v1/accounts/" + owner.id() + "/recovery-codes").then().statusCode(201);

        JsonPath body = readiness(owner.id(), "en").jsonPath();

        assertThat(body.getBoolean("mfaEnrolled")).isTrue();
        assertThat(body.getInt("recoveryCodes.left")).isEqualTo(10);
        assertThat(body.getBoolean("recoveryCodes.replaceIdentityProofing")).isFalse();
        assertThat(body.getString("rating")).isEqualTo("WEAK");
        assertThat(body.getList("advice.code")).doesNotContain("ADD_SECOND_FACTOR", "SET_UP_RECOVERY_CODES");
    }

    @Test
    void aLaterProfileChangeReplacesTheFactsAndAnOlderOneArrivingLateChangesNothing() {
        Owner owner = accounts.create();
        Instant now = Instant.now();
        kycProfile(owner.id(), 3, ALL_FACTS, now);
        ParticipantEvents.send(new KycProfileChanged(UUID.randomUUID(), owner.id(), now.plusSeconds(1), 0,
                List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                readiness(owner.id(), "en").jsonPath().getInt("identityProofing.securityQuestions") == 0);

        UUID stale = UUID.randomUUID();
        try (LogLines audit = LogLines.audit()) {
            ParticipantEvents.send(new KycProfileChanged(stale, owner.id(), now.minusSeconds(60), 5, ALL_FACTS));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !audit.containing("account.kyc-facts", "stale", stale.toString()).isEmpty());
        }

        JsonPath body = readiness(owner.id(), "en").jsonPath();
        assertThat(body.getInt("identityProofing.securityQuestions")).isZero();
        assertThat(body.getList("identityProofing.facts")).isEmpty();
    }

    @Test
    void anAccountCreatedWithoutEmailOrPhoneIsAtRiskAndToldSoInBothLanguages() {
        UUID account = UUID.fromString(as(TestTokens.admin())
                .body(Map.of("username", Api.uniqueName("bare"), "password", TestAccounts.strongPassword(),
                        "locale", "en"))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("accountId"));

        JsonPath english = readiness(account, null).jsonPath();
        JsonPath chinese = readiness(account, "zh-CN,zh;q=0.9").jsonPath();

        assertThat(english.getString("rating")).isEqualTo("AT_RISK");
        assertThat(english.getString("email.status")).isEqualTo("NONE");
        assertThat(english.getString("phone.status")).isEqualTo("NONE");
        assertThat(english.getString("locale")).isEqualTo("en");
        assertThat(english.getList("advice.code")).containsExactly("ADD_EMAIL", "ADD_PHONE", "SET_UP_RECOVERY_CODES",
                "ADD_IDENTITY_DETAILS", "ADD_SECOND_FACTOR");
        assertThat(english.getString("advice[0].message")).startsWith("Bind an email address");
        assertThat(chinese.getList("advice.code")).isEqualTo(english.getList("advice.code"));
        assertThat(chinese.getString("locale")).isEqualTo("zh-CN");
        assertThat(chinese.getString("advice[0].message")).startsWith("请绑定邮箱");
    }

    @Test
    void onlyTheGatewayOrAnAdminMayAskAndAnUnknownAccountIsA404() {
        Owner owner = accounts.create();
        String path = "/api/v1/accounts/" + owner.id() + "/recovery-readiness";

        anonymous().get(path).then().statusCode(401);
        as(TestTokens.supportAgent()).get(path).then().statusCode(403);
        as(TestTokens.admin()).get(path).then().statusCode(200);
        readiness(UUID.randomUUID(), "en").then().statusCode(404).contentType(Api.PROBLEM_JSON);
    }

    @Test
    void theGatewayMayAskOnlyForTheUserItsTokenIsBoundTo() {
        Owner owner = accounts.create();
        String path = "/api/v1/accounts/" + owner.id() + "/recovery-readiness";

        as(TestTokens.gateway()).get(path).then().statusCode(403).contentType(Api.PROBLEM_JSON);
        as(TestTokens.gatewayFor(accounts.create().id())).get(path).then().statusCode(403);
        as(TestTokens.gatewayFor(owner.id())).get(path).then().statusCode(200);
    }

    private static Response readiness(UUID accountId, String acceptLanguage) {
        var request = as(TestTokens.gatewayFor(accountId));
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        return request.get("/api/v1/accounts/" + accountId + "/recovery-readiness");
    }

    private static void kycProfile(UUID accountId, int questions, List<IdentityFact> facts) {
        kycProfile(accountId, questions, facts, Instant.now());
    }

    /** kyc-service's word, on its topic; waits until identity-service has applied it. */
    private static void kycProfile(UUID accountId, int questions, List<IdentityFact> facts, Instant at) {
        ParticipantEvents.send(new KycProfileChanged(UUID.randomUUID(), accountId, at, questions, facts));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath body = readiness(accountId, "en").jsonPath();
            return body.getInt("identityProofing.securityQuestions") == questions
                    && body.getList("identityProofing.facts").size() == facts.size();
        });
    }
}
