package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.Latencies;
import dev.lifeline.identity.testing.RateLimitWindows;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@IdentityTest
class RecoveryStartTest {

    private static final String TOKEN_PATTERN = "[A-Za-z0-9_-]{43}";

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void knownIdentifierStartsARecoveryWithATokenForTheClient() {
        Owner owner = accounts.create();

        Response response = start(owner.email());

        response.then().statusCode(202)
                .body("recoveryId", notNullValue())
                .body("recoveryToken", matchesPattern(TOKEN_PATTERN))
                .body("expiresAt", notNullValue())
                .header("Location", endsWith("/api/v1/recoveries/" + response.path("recoveryId")));
        Recovery stored = recoveries.find(UUID.fromString(response.path("recoveryId")));
        assertThat(stored.accountId()).isEqualTo(owner.id());
        assertThat(stored.state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    @Test
    void onlyTheTokensHashIsStored() {
        Owner owner = accounts.create();

        Response response = start(owner.username());

        String token = response.path("recoveryToken");
        Recovery stored = recoveries.find(UUID.fromString(response.path("recoveryId")));
        assertThat(stored.matchesToken(RecoveryTokens.hash(token))).isTrue();
        assertThat(stored.matchesToken(token)).isFalse();
    }

    @Test
    void startIsPublishedAsASchemaValidRecoveryRequestedWithoutSecrets() {
        Owner owner = accounts.create();
        Response response = start(owner.phone());
        UUID recoveryId = UUID.fromString(response.path("recoveryId"));
        String token = response.path("recoveryToken");

        ConsumerRecord<String, String> requested = IdentityTopic.eventOf(recoveryId, EventType.RECOVERY_REQUESTED);

        EventSchemas.assertValid(EventType.RECOVERY_REQUESTED, requested.value());
        assertThat(requested.key()).isEqualTo(recoveryId.toString());
        assertThat(requested.value())
                .contains(RecoveryTokens.hash(token))
                .doesNotContain(token)
                .doesNotContain(owner.password())
                .doesNotContain(owner.phone().substring(1));
    }

    @Test
    void policyFollowsTheAccount() {
        Owner withoutVerifiedEmail = accounts.create(false, false);

        UUID recoveryId = UUID.fromString(start(withoutVerifiedEmail.username()).path("recoveryId"));

        Recovery stored = recoveries.find(recoveryId);
        assertThat(stored.requiredEvidence()).containsExactly(dev.lifeline.events.Evidence.IDENTITY);
        assertThat(stored.requiredAssurance()).isEqualTo(dev.lifeline.events.Assurance.HIGH);
    }

    @Test
    void unknownIdentifierGetsTheSameStatusAndShape() {
        Owner owner = accounts.create();

        Response known = start(owner.username());
        Response unknown = start(Api.uniqueName("nobody"));

        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
        assertThat(unknown.jsonPath().getMap("").keySet()).isEqualTo(known.jsonPath().getMap("").keySet());
        assertThat(unknown.<String>path("recoveryToken")).matches(TOKEN_PATTERN);
        assertThat(unknown.header("Location")).endsWith("/api/v1/recoveries/" + unknown.path("recoveryId"));
        assertThat(unknown.header("Content-Type")).isEqualTo(known.header("Content-Type"));
    }

    @Test
    void unknownIdentifierGetsADecoyThatPublishesNothing() {
        UUID decoyId = UUID.fromString(start(Api.uniqueName("nobody")).path("recoveryId"));

        assertThat(recoveries.decoyExists(decoyId)).isTrue();
        assertThat(recoveries.find(decoyId)).isNull();
        assertThat(recoveries.outboxRowsOf(decoyId)).isZero();
    }

    @Test
    void unknownIdentifierTakesAsLongAsAKnownOne() {
        int rounds = 30;
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            owners.add(accounts.create());
        }
        for (int i = 0; i < 5; i++) { // warm-up of both paths
            start(owners.get(rounds + i).username()).then().statusCode(202);
            start(Api.uniqueName("nobody")).then().statusCode(202);
        }

        Latencies.Comparison comparison = Latencies.compare(rounds,
                i -> start(owners.get(i).username()).then().statusCode(202),
                i -> start(Api.uniqueName("nobody")).then().statusCode(202));

        System.out.println("recovery start, known vs unknown identifier: " + comparison);
        assertThat(comparison.relativeDifference()).as(comparison.toString()).isLessThanOrEqualTo(0.10);
    }

    @Test
    void aNewRequestSupersedesTheOpenRecovery() {
        Owner owner = accounts.create();
        UUID first = UUID.fromString(start(owner.username()).path("recoveryId"));

        UUID second = UUID.fromString(start(owner.email()).path("recoveryId"));

        Recovery superseded = recoveries.find(first);
        assertThat(superseded.state()).isEqualTo(Recovery.State.CANCELLED);
        assertThat(superseded.cancelledBy()).contains(dev.lifeline.events.CancelledBy.OWNER);
        assertThat(superseded.cancelReason()).contains("superseded by recovery " + second);
        assertThat(recoveries.find(second).state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    @Test
    void supersedingIsPublishedAsASchemaValidRecoveryCancelled() {
        Owner owner = accounts.create();
        UUID first = UUID.fromString(start(owner.username()).path("recoveryId"));
        start(owner.username());

        ConsumerRecord<String, String> cancelled = IdentityTopic.eventOf(first, EventType.RECOVERY_CANCELLED);

        EventSchemas.assertValid(EventType.RECOVERY_CANCELLED, cancelled.value());
        assertThat(cancelled.value()).contains("\"by\":\"OWNER\"").contains(RecoveryStarts.SUPERSEDED_ACTOR);
    }

    @Test
    void fourthStartForOneIdentifierWithinTheWindowIsA429() {
        Owner owner = accounts.create();
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 3; i++) {
            start(owner.username()).then().statusCode(202);
        }

        start(owner.username()).then().statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue());
    }

    @Test
    void unknownIdentifierIsRateLimitedTheSameWay() {
        String nobody = Api.uniqueName("nobody");
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 3; i++) {
            start(nobody).then().statusCode(202);
        }

        start(nobody).then().statusCode(429).contentType(PROBLEM_JSON);
    }

    @Test
    void blankIdentifierIsA400AndStartsNothing() {
        long decoys = recoveries.decoys();

        anonymous().body(Map.of("identifier", "  ")).post("/api/v1/recoveries")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("identifier"));

        assertThat(recoveries.decoys()).isEqualTo(decoys);
    }

    @Test
    void oversizedIdentifierIsA400AndStartsNothing() {
        long decoys = recoveries.decoys();

        anonymous().body(Map.of("identifier", "a".repeat(255))).post("/api/v1/recoveries")
                .then().statusCode(400).body("violations[0].field", equalTo("identifier"));

        assertThat(recoveries.decoys()).isEqualTo(decoys);
    }

    @Test
    void malformedJsonIsA400AndStartsNothing() {
        Owner owner = accounts.create();
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        anonymous().body("{\"identifier\": \"" + owner.username() + "\"").post("/api/v1/recoveries")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void missingBodyIsA400() {
        anonymous().post("/api/v1/recoveries").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    private static Response start(String identifier) {
        return anonymous().body(Map.of("identifier", identifier)).post("/api/v1/recoveries");
    }
}
