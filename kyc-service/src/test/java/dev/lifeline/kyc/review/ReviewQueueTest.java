package dev.lifeline.kyc.review;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.kyc.check.IdentityCheck;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

@KycTest
class ReviewQueueTest {

    private static final String AGENT = TestTokens.sign("support-agent", "agent-ann");
    private static final String OTHER_AGENT = TestTokens.sign("support-agent", "agent-bo");
    private static final String SUPERVISOR = TestTokens.sign("support-supervisor", "supervisor-cy");
    /** Ann (subject agent-ann) again, under another name and with the supervisor's role. */
    private static final String ANN_RENAMED = TestTokens.sign("support-supervisor", "agent-ann", "ann.lee");
    /** Somebody else (subject supervisor-dee) who calls herself agent-ann. */
    private static final String ANNS_NAMESAKE = TestTokens.sign("support-supervisor", "supervisor-dee", "agent-ann");

    @Inject
    EntityManager entityManager;

    @Test
    void aCaseIsListedWithMaskedFactsAndSignalsOnly() {
        TestRecovery recovery = inReview(Assurance.SUBSTANTIAL);

        Response listed = given().auth().oauth2(AGENT).get("/api/v1/reviews?status=PENDING");

        listed.then().statusCode(200);
        Map<String, Object> item = caseOf(listed, recovery);
        assertThat(item).containsEntry("risk", "NORMAL").containsEntry("requiredApprovals", 1);
        assertThat(item.get("subject")).isEqualTo(Map.of("realName", "张*", "idNumber", "1101**********002X",
                "bankCard", "ICBC ****4321", "registrationDate", "2015-03-14"));
        assertThat(item.get("signals")).isEqualTo(Map.of("SECURITY_QUESTIONS", "MATCH", "REGISTRATION", "MISMATCH",
                "ID_NUMBER", "NOT_PROVIDED", "BANK_CARD", "NOT_PROVIDED"));
        listed.then().body(not(containsString(Profiles.ID_NUMBER))).body(not(containsString("张三")))
                .body(not(containsString("北京")));
    }

    @Test
    void oneApprovalSettlesANormalCaseAsAManualConfirmationAtSubstantialSoTheCoolingOffStillApplies() {
        TestRecovery recovery = inReview(Assurance.SUBSTANTIAL);
        UUID review = reviewIdOf(recovery);

        decide(review, AGENT, "APPROVE").then().statusCode(200).body("status", is("APPROVED"));

        IdentityConfirmed confirmed = (IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_CONFIRMED);
        assertThat(confirmed.method()).isEqualTo(IdentityCheckMethod.MANUAL);
        assertThat(confirmed.assurance()).isEqualTo(Assurance.SUBSTANTIAL);
        assertThat(confirmed.reviewers()).containsExactly("agent-ann");
        assertThat(Recoveries.find(recovery.recoveryId()).state()).isEqualTo(IdentityCheck.State.CONFIRMED);
    }

    @Test
    void aHighRiskCaseNeedsAnAgentAndASupervisorAndNobodyTwice() {
        TestRecovery recovery = inReview(Assurance.HIGH);
        UUID review = reviewIdOf(recovery);

        decide(review, AGENT, "APPROVE").then().statusCode(200).body("status", is("PENDING"));
        decide(review, AGENT, "APPROVE").then().statusCode(409).body("reason", is("ALREADY_APPROVED_BY_YOU"));
        decide(review, OTHER_AGENT, "APPROVE").then().statusCode(409)
                .body("reason", is("SECOND_APPROVAL_NEEDS_A_SUPERVISOR"));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();

        decide(review, SUPERVISOR, "APPROVE").then().statusCode(200).body("status", is("APPROVED"));

        IdentityConfirmed confirmed = (IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_CONFIRMED);
        assertThat(confirmed.reviewers()).containsExactly("agent-ann", "supervisor-cy");
        assertThat(confirmed.assurance()).isEqualTo(Assurance.HIGH);
        decide(review, OTHER_AGENT, "REJECT").then().statusCode(409).body("reason", is("NOT_PENDING"));
    }

    @Test
    void theSamePersonUnderTwoNamesCannotApproveTwice() {
        TestRecovery recovery = inReview(Assurance.HIGH);
        UUID review = reviewIdOf(recovery);
        decide(review, AGENT, "APPROVE").then().statusCode(200).body("status", is("PENDING"));

        try (LogLines audit = LogLines.audit()) {
            decide(review, ANN_RENAMED, "APPROVE").then().statusCode(409)
                    .body("reason", is("ALREADY_APPROVED_BY_YOU"));
            assertThat(audit.containing("who=ann.lee", "what=review.decide", "outcome=refused",
                    "reason=ALREADY_APPROVED_BY_YOU")).hasSize(1);
            assertThat(audit.lines()).noneMatch(line -> line.contains("lifeline.local"));
        }
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();

        decide(review, SUPERVISOR, "APPROVE").then().statusCode(200).body("status", is("APPROVED"))
                .body("approvals.reviewer", contains("agent-ann", "supervisor-cy"));
        IdentityConfirmed confirmed = (IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_CONFIRMED);
        assertThat(confirmed.reviewers()).containsExactly("agent-ann", "supervisor-cy");
    }

    @Test
    void twoPeopleUnderOneNameAreTwoPeople() {
        TestRecovery recovery = inReview(Assurance.HIGH);
        UUID review = reviewIdOf(recovery);
        decide(review, AGENT, "APPROVE").then().statusCode(200).body("status", is("PENDING"));

        decide(review, ANNS_NAMESAKE, "APPROVE").then().statusCode(200).body("status", is("APPROVED"))
                .body("approvals.reviewer", contains("agent-ann", "agent-ann"))
                .body("approvals.supervisor", contains(false, true));

        IdentityConfirmed confirmed = (IdentityConfirmed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_CONFIRMED);
        assertThat(confirmed.reviewers()).containsExactly("agent-ann", "agent-ann");
    }

    @Test
    void anApprovalFromBeforeReviewerKeysStillCountsByName() {
        TestRecovery recovery = inReview(Assurance.HIGH);
        UUID review = reviewIdOf(recovery);
        decide(review, AGENT, "APPROVE").then().statusCode(200).body("status", is("PENDING"));
        int updated = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "UPDATE review_decision SET reviewer_key = NULL WHERE review_id = :id")
                .setParameter("id", review).executeUpdate());
        assertThat(updated).isEqualTo(1);

        decide(review, ANNS_NAMESAKE, "APPROVE").then().statusCode(409).body("reason", is("ALREADY_APPROVED_BY_YOU"));
        decide(review, SUPERVISOR, "APPROVE").then().statusCode(200).body("status", is("APPROVED"));

        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT reviewer_key FROM review_decision WHERE review_id = :id ORDER BY position")
                .setParameter("id", review).getResultList())).containsExactly(null, "https://lifeline.local/dev supervisor-cy");
    }

    @Test
    void oneRejectEndsTheCaseAndRejectsTheIdentity() {
        TestRecovery recovery = inReview(Assurance.HIGH);
        UUID review = reviewIdOf(recovery);
        decide(review, AGENT, "APPROVE").then().statusCode(200);

        decide(review, SUPERVISOR, "REJECT").then().statusCode(200).body("status", is("REJECTED"));

        IdentityRejected rejected = (IdentityRejected) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.IDENTITY_REJECTED);
        assertThat(rejected.method()).isEqualTo(IdentityCheckMethod.MANUAL);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();
    }

    @Test
    void theRecoverysEndClosesItsCaseAndADecisionThenChangesNothing() {
        TestRecovery recovery = inReview(Assurance.SUBSTANTIAL);
        UUID reviewId = reviewIdOf(recovery);

        Recoveries.completed(recovery);
        Recoveries.awaitState(recovery, IdentityCheck.State.CLOSED);

        given().auth().oauth2(AGENT).contentType("application/json")
                .body(Map.of("decision", "APPROVE", "reason", "documents checked"))
                .post("/api/v1/reviews/{id}/decisions", reviewId).then().statusCode(409)
                .body("reason", is("NOT_PENDING"));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).isEmpty();
    }

    @Test
    void everySupportEndpointNeedsASupportRole() {
        TestRecovery recovery = inReview(Assurance.SUBSTANTIAL);
        UUID reviewId = reviewIdOf(recovery);
        Map<String, String> approve = Map.of("decision", "APPROVE", "reason", "ok");

        given().get("/api/v1/reviews").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/reviews").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json").body(approve).post("/api/v1/reviews/{id}/decisions", reviewId)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(approve)
                .post("/api/v1/reviews/{id}/decisions", reviewId).then().statusCode(403);
        assertThat(Recoveries.find(recovery.recoveryId()).state()).isEqualTo(IdentityCheck.State.IN_REVIEW);
    }

    @Test
    void badDecisionsAreProblemsAndChangeNothing() {
        TestRecovery recovery = inReview(Assurance.SUBSTANTIAL);
        UUID reviewId = reviewIdOf(recovery);

        for (Object body : List.of(Map.of("decision", "MAYBE", "reason", "x"), Map.of("decision", "APPROVE"),
                Map.of("decision", "APPROVE", "reason", 5), "{\"decision\": ")) {
            given().auth().oauth2(AGENT).contentType("application/json").body(body)
                    .post("/api/v1/reviews/{id}/decisions", reviewId).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(AGENT).contentType("application/json").body(Map.of("decision", "APPROVE", "reason", "x"))
                .post("/api/v1/reviews/{id}/decisions", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(AGENT).get("/api/v1/reviews?status=NOPE").then().statusCode(400);
        assertThat(Recoveries.find(recovery.recoveryId()).state()).isEqualTo(IdentityCheck.State.IN_REVIEW);
    }

    @Test
    void everyReadOfTheQueueIsAuditedWithWhoAndHowMany() {
        inReview(Assurance.SUBSTANTIAL);

        try (LogLines audit = LogLines.audit()) {
            given().auth().oauth2(AGENT).get("/api/v1/reviews?status=PENDING").then().statusCode(200);

            assertThat(audit.containing("who=agent-ann", "what=review.list", "outcome=listed", "state=PENDING"))
                    .hasSize(1);
        }
    }

    /** A recovery of an account with a profile whose partly matching evidence went to review. */
    private static TestRecovery inReview(Assurance required) {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), required);
        given().header("Recovery-Token", recovery.token()).contentType("application/json")
                .body(Map.of("answers", List.of("Beijing No 4 Middle School", "旺财"),
                        "registration", Map.of("city", "上海", "date", "2015-03-14")))
                .post("/api/v1/identity-checks/{id}/evidence", recovery.recoveryId())
                .then().statusCode(200).body("status", is("IN_REVIEW"));
        return recovery;
    }

    private static Response decide(UUID reviewId, String token, String decision) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("decision", decision, "reason", "checked the documents by video call"))
                .post("/api/v1/reviews/{id}/decisions", reviewId);
    }

    private static UUID reviewIdOf(TestRecovery recovery) {
        return UUID.fromString(caseOf(given().auth().oauth2(AGENT).get("/api/v1/reviews?status=PENDING"), recovery)
                .get("reviewId").toString());
    }

    private static Map<String, Object> caseOf(Response listed, TestRecovery recovery) {
        List<Map<String, Object>> cases = listed.jsonPath().getList("");
        return cases.stream().filter(c -> recovery.recoveryId().toString().equals(c.get("recoveryId")))
                .findFirst().orElseThrow(() -> new AssertionError("no case for " + recovery.recoveryId()));
    }
}
