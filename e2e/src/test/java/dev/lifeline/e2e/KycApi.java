package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/** kyc-service's REST contract: the back office's profiles, the token holder's identity check, support's reviews. */
final class KycApi {

    private final String url;
    private final Suite suite;

    KycApi(String url, Suite suite) {
        this.url = url;
        this.suite = suite;
    }

    /** The identity facts on file for the owner's account (the operator's back office, as admin). */
    void putProfile(String accountId, Owner owner) {
        Map<String, Object> profile = Map.of("realName", "Li Wei",
                "idNumber", owner.idNumber(),
                "bankCard", bankCard(owner),
                "registration", registration(owner),
                "securityQuestions", owner.questions().stream()
                        .map(q -> Map.of("key", q.key(), "answer", q.answer())).toList());
        Http.put(url + "/api/v1/kyc-profiles/" + accountId, profile, Http.bearer(suite.token("admin", "e2e-admin")))
                .expect(204, "KYC profile of " + accountId);
    }

    Http.Answer check(StartedRecovery recovery) {
        return Http.get(url + "/api/v1/identity-checks/" + recovery.id(), recovery.headers());
    }

    /**
     * Waits until kyc-service has opened the recovery's identity check (it does so when it consumes RecoveryRequested,
     * which can come after the code is confirmed, e.g. while a consumer group rebalances), and returns it.
     */
    Http.Answer awaitOpenCheck(StartedRecovery recovery) {
        return await("identity check of " + recovery + " open").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> check(recovery), answer -> answer.status() == 200);
    }

    Http.Answer submit(StartedRecovery recovery, Map<String, ?> evidence) {
        return Http.post(url + "/api/v1/identity-checks/" + recovery.id() + "/evidence", evidence,
                recovery.headers());
    }

    /** Every fact on file, right: questions, registration, ID number and bank card (SUBSTANTIAL: typed facts). */
    static Map<String, Object> fullEvidence(Owner owner) {
        return Map.of("answers", owner.answers(), "idNumber", owner.idNumber(), "bankCard", bankCard(owner),
                "registration", registration(owner));
    }

    /** Questions and registration data, right: an automated match at SUBSTANTIAL. */
    static Map<String, Object> knowledgeEvidence(Owner owner) {
        return Map.of("answers", owner.answers(), "registration", registration(owner));
    }

    /** Facts that match nothing on file. */
    static Map<String, Object> wrongEvidence(Owner owner) {
        return Map.of("answers", owner.questions().stream().map(q -> "not " + q.answer()).toList(),
                "registration", Map.of("city", "Not " + owner.city(), "date", owner.registeredOn().minusYears(1).toString()));
    }

    /** The PENDING review case of the recovery, once kyc-service has opened it. */
    JsonNode awaitPendingReview(StartedRecovery recovery, String agent) {
        return await("a pending review of " + recovery).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> reviewOf(recovery, "PENDING", agent), Optional::isPresent).orElseThrow();
    }

    Optional<JsonNode> reviewOf(StartedRecovery recovery, String status, String agent) {
        JsonNode cases = Http.get(url + "/api/v1/reviews?status=" + status,
                Http.bearer(suite.token("support-agent", agent))).expect(200, "review queue").json();
        return StreamSupport.stream(cases.spliterator(), false)
                .filter(review -> review.path("recoveryId").asText().equals(recovery.id())).findFirst();
    }

    Http.Answer decide(String reviewId, String role, String reviewer, String decision, String reason) {
        Map<String, String> headers = new HashMap<>(Http.bearer(suite.token(role, reviewer)));
        headers.put("X-Forwarded-For", "192.0.2.20");
        return Http.post(url + "/api/v1/reviews/" + reviewId + "/decisions",
                Map.of("decision", decision, "reason", reason), headers);
    }

    private static Map<String, String> bankCard(Owner owner) {
        return Map.of("issuer", owner.cardIssuer(), "last4", owner.cardLast4());
    }

    private static Map<String, String> registration(Owner owner) {
        return Map.of("city", owner.city(), "date", owner.registeredOn().toString());
    }

    static List<String> questionsOf(Http.Answer check) {
        return IdentityApi.texts(check.json().path("questions"));
    }
}
