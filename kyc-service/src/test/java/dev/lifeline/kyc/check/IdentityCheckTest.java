package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@KycTest
class IdentityCheckTest {

    @Test
    void theTokenHolderIsAskedTheProfilesQuestionsInTheirLanguageAndEveryFact() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        given().header("Recovery-Token", recovery.token()).header("Accept-Language", "zh-CN;q=1, en;q=0.5")
                .get("/api/v1/identity-checks/{id}", recovery.recoveryId()).then().statusCode(200)
                .body("questions", contains("您的小学学校名称是？", "您的第一只宠物叫什么名字？"));
        view(recovery).then().statusCode(200)
                .body("status", is("OPEN"))
                .body("questions", contains("What was the name of your first school?",
                        "What was the name of your first pet?"))
                .body("requestedFacts", contains("SECURITY_QUESTIONS", "ID_NUMBER", "BANK_CARD", "REGISTRATION"))
                .body("attemptsLeft", is(3));
    }

    @Test
    void questionsAndRegistrationDataConfirmAutomaticallyAtSubstantial() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Profiles.knowledge()).then().statusCode(200).body("status", is("CONFIRMED"));

        IdentityConfirmed confirmed = (IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_CONFIRMED);
        assertThat(confirmed.method()).isEqualTo(IdentityCheckMethod.AUTOMATED);
        assertThat(confirmed.assurance()).isEqualTo(Assurance.SUBSTANTIAL);
        assertThat(confirmed.accountId()).isEqualTo(recovery.accountId());
        assertThat(PublishedEvents.onTopic(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED).value())
                .contains(confirmed.eventId().toString());
    }

    @Test
    void idNumberAndBankCardWithKnowledgeConfirmAtSubstantialOnly() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Profiles.everything()).then().statusCode(200).body("status", is("CONFIRMED"));

        assertThat(((IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED))
                .assurance()).isEqualTo(Assurance.SUBSTANTIAL);
    }

    @Test
    void everyTypedFactRightForARecoveryNeedingHighGoesToATwoPersonReview() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.HIGH);

        submit(recovery, Profiles.everything()).then().statusCode(200).body("status", is("IN_REVIEW"));

        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();
    }

    @Test
    void knowledgeAloneForARecoveryNeedingHighGoesToReview() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.HIGH);

        submit(recovery, Profiles.knowledge()).then().statusCode(200).body("status", is("IN_REVIEW"));

        assertThat(Recoveries.find(recovery.recoveryId()).reviewSignals())
                .contains("SECURITY_QUESTIONS:MATCH", "REGISTRATION:MATCH", "ID_NUMBER:NOT_PROVIDED");
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();
    }

    @Test
    void securityQuestionsAloneAreNeverEnough() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Map.of("answers", List.of("Beijing No 4 Middle School", "旺财")))
                .then().statusCode(200).body("status", is("IN_REVIEW"));
    }

    @Test
    void partlyMatchingEvidenceGoesToReview() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Map.of("answers", List.of("Beijing No 4 Middle School", "旺财"),
                "registration", Map.of("city", "上海", "date", "2015-03-14")))
                .then().statusCode(200).body("status", is("IN_REVIEW"));
    }

    @Test
    void clearMismatchesCostAttemptsAndTheLastRejectsOnce() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Profiles.wrong()).then().statusCode(200)
                .body("status", is("NOT_CONFIRMED")).body("attemptsLeft", is(2));
        submit(recovery, Profiles.wrong()).then().body("status", is("NOT_CONFIRMED")).body("attemptsLeft", is(1));
        submit(recovery, Profiles.wrong()).then().body("status", is("REJECTED")).body("attemptsLeft", is(0));
        // A rejected check ends at once for its token holder, a real one's as a decoy's (which nothing closes later).
        submit(recovery, Profiles.knowledge()).then().statusCode(404);

        IdentityRejected rejected = (IdentityRejected) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_REJECTED);
        assertThat(rejected.method()).isEqualTo(IdentityCheckMethod.AUTOMATED);
    }

    @Test
    void wrongAnswersCountAgainstTheAccountAcrossRecoveriesUntilAutomationStopsDeciding() {
        UUID account = Profiles.stored();
        TestRecovery first = Recoveries.of(account, Assurance.SUBSTANTIAL);
        for (int i = 0; i < 3; i++) {
            submit(first, Profiles.wrong()).then().statusCode(200);
        }
        TestRecovery second = Recoveries.of(account, Assurance.SUBSTANTIAL);
        for (int i = 0; i < 2; i++) {
            submit(second, Profiles.wrong()).then().statusCode(200);
        }
        TestRecovery third = Recoveries.of(account, Assurance.SUBSTANTIAL);

        // Five wrong submissions so far (the tests' threshold): even a full match is now a person's call.
        submit(third, Profiles.knowledge()).then().statusCode(200).body("status", is("IN_REVIEW"));
    }

    @Test
    void aMalformedFactIsA400AndCostsNoAttempt() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        submit(recovery, Map.of("idNumber", "110105194912310021")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("idNumber"));
        submit(recovery, Map.of("bankCard", Map.of("issuer", "ICBC", "last4", "12"))).then().statusCode(400)
                .body("violations.field", hasItem("bankCard.last4"));
        submit(recovery, Map.of()).then().statusCode(400).body("violations.field", hasItem("answers"));
        submit(recovery, Map.of("answers", "not a list")).then().statusCode(400);
        given().header("Recovery-Token", recovery.token()).contentType("application/json").body("{\"answers\": [")
                .post("/api/v1/identity-checks/{id}/evidence", recovery.recoveryId())
                .then().statusCode(400).contentType("application/problem+json");

        view(recovery).then().body("attemptsLeft", is(3));
    }

    @Test
    void anUnknownRecoveryAWrongTokenAndNoTokenGetOne404() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        TestRecovery unknown = new TestRecovery(UUID.randomUUID(), null, recovery.token());
        TestRecovery wrongToken = new TestRecovery(recovery.recoveryId(), null, "wrong");

        for (TestRecovery stranger : List.of(unknown, wrongToken)) {
            view(stranger).then().statusCode(404).contentType("application/problem+json");
            submit(stranger, Profiles.knowledge()).then().statusCode(404);
        }
        given().get("/api/v1/identity-checks/{id}", recovery.recoveryId()).then().statusCode(404);
        view(recovery).then().body("attemptsLeft", is(3));
    }

    @Test
    void theRecoverysEndClosesItsCheck() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        Recoveries.completed(recovery);
        Recoveries.awaitState(recovery, IdentityCheck.State.CLOSED);

        view(recovery).then().statusCode(404);
        submit(recovery, Profiles.knowledge()).then().statusCode(404);
    }

    @Test
    void aRedeliveredStartChangesNothing() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        submit(recovery, Profiles.wrong()).then().body("attemptsLeft", is(2));

        Recoveries.publish(Recoveries.requested(recovery, Assurance.SUBSTANTIAL));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Recoveries.find(recovery.recoveryId()).attemptsLeft() == 2);
        view(recovery).then().body("attemptsLeft", is(2)).body("questions", hasSize(2));
    }

    static Response view(TestRecovery recovery) {
        return given().header("Recovery-Token", recovery.token()).get("/api/v1/identity-checks/{id}",
                recovery.recoveryId());
    }

    /** From the recovery's own client address. */
    static Response submit(TestRecovery recovery, Map<String, ?> evidence) {
        return submit(recovery, evidence, recovery.clientAddress());
    }

    static Response submit(TestRecovery recovery, Map<String, ?> evidence, String from) {
        return given().header("Recovery-Token", recovery.token()).header("X-Forwarded-For", from)
                .contentType("application/json").body(evidence)
                .post("/api/v1/identity-checks/{id}/evidence", recovery.recoveryId());
    }
}
