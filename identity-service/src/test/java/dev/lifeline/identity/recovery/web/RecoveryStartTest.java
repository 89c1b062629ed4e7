package dev.lifeline.identity.recovery.web;

import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.RateLimitWindows;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

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
        assertThat(stored.matchesToken(TokenHashes.sha256(token))).isTrue();
        assertThat(stored.matchesToken(token)).isFalse();
    }

    @Test
    void startIsPublishedAsASchemaValidRecoveryRequestedWithTheContactsAndWithoutSecrets() {
        Owner owner = accounts.create();
        Response response = start(owner.phone());
        UUID recoveryId = UUID.fromString(response.path("recoveryId"));
        String token = response.path("recoveryToken");

        ConsumerRecord<String, String> requested = IdentityTopic.eventOf(recoveryId, EventType.RECOVERY_REQUESTED);

        EventSchemas.assertValid(EventType.RECOVERY_REQUESTED, requested.value());
        assertThat(requested.key()).isEqualTo(recoveryId.toString());
        assertThat(requested.value())
                .contains(TokenHashes.sha256(token))
                .doesNotContain(token)
                .doesNotContain(owner.password());
        // The number is a contact notification-service texts (while ACTIVE), like the address it mails.
        RecoveryRequested event = (RecoveryRequested) EventJson.read(EventType.RECOVERY_REQUESTED, requested.value());
        assertThat(event.contacts().phone()).isEqualTo(owner.phone());
    }

    @Test
    void startCarriesTheNetworkItCameFromSoThatTheOwnerCanBeToldNeverTheAddress() {
        Owner owner = accounts.create();
        Response response = Api.from("203.0.113.77").body(Map.of("identifier", owner.username()))
                .post("/api/v1/recoveries");
        UUID recoveryId = UUID.fromString(response.path("recoveryId"));

        ConsumerRecord<String, String> requested = IdentityTopic.eventOf(recoveryId, EventType.RECOVERY_REQUESTED);

        EventSchemas.assertValid(EventType.RECOVERY_REQUESTED, requested.value());
        RecoveryRequested event = (RecoveryRequested) EventJson.read(EventType.RECOVERY_REQUESTED, requested.value());
        assertThat(event.requestedFrom()).isEqualTo("203.0.113.0/24");
        assertThat(requested.value()).doesNotContain("203.0.113.77");
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
    void unknownIdentifierGetsADecoyAndNoRecovery() {
        UUID decoyId = UUID.fromString(start(Api.uniqueName("nobody")).path("recoveryId"));

        assertThat(recoveries.decoyExists(decoyId)).isTrue();
        assertThat(recoveries.find(decoyId)).isNull();
    }

    @Test
    void decoyIsPublishedAsASchemaValidRecoveryDecoyStartedWithoutSecrets() {
        String nobody = Api.uniqueName("nobody");
        Response response = start(nobody);
        UUID decoyId = UUID.fromString(response.path("recoveryId"));
        String token = response.path("recoveryToken");

        ConsumerRecord<String, String> started = IdentityTopic.eventOf(decoyId, EventType.RECOVERY_DECOY_STARTED);

        EventSchemas.assertValid(EventType.RECOVERY_DECOY_STARTED, started.value());
        assertThat(started.key()).isEqualTo(decoyId.toString());
        assertThat(started.value()).contains(TokenHashes.sha256(token)).contains(response.<String>path("expiresAt"))
                .doesNotContain(token).doesNotContain(nobody).doesNotContain("accountId");
        assertThat(recoveries.outboxRowsOf(decoyId)).isEqualTo(1);
    }

    @Test
    void aSecondStartLeavesTheFirstRecoveryOpenAndUnchanged() {
        Owner owner = accounts.create();
        UUID first = UUID.fromString(start(owner.username()).path("recoveryId"));
        long versionBefore = recoveries.find(first).version();

        UUID second = UUID.fromString(start(owner.email()).path("recoveryId"));

        Recovery firstAfter = recoveries.find(first);
        assertThat(firstAfter.state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
        assertThat(firstAfter.version()).isEqualTo(versionBefore);
        assertThat(recoveries.find(second).state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
        assertThat(recoveries.outboxRowsOf(first)).as("only its RecoveryRequested").isEqualTo(1);
    }

    @Test
    void strangersStartsByEveryIdentifierNeverSilenceTheOwnersStart() {
        // Many starts by the owner's username, email and phone, each from its own address: more than any limit
        // the service ever had per identifier or account. The owner's start is still a real recovery.
        Owner owner = accounts.create();
        RateLimitWindows.awaitFreshWindow();
        for (String identifier : List.of(owner.username(), owner.email(), owner.phone())) {
            for (int i = 0; i < 4; i++) {
                start(identifier).then().statusCode(202);
            }
        }

        Response owners = start(owner.username());

        owners.then().statusCode(202);
        UUID recoveryId = UUID.fromString(owners.path("recoveryId"));
        assertThat(recoveries.decoyExists(recoveryId)).as("a real recovery, not a decoy").isFalse();
        assertThat(recoveries.find(recoveryId).accountId()).isEqualTo(owner.id());
    }

    @Test
    void oneClientAddressIsLimitedAcrossIdentifiersKnownAndUnknownAlike() {
        // Test limit: 6 starts per client address and window.
        Owner owner = accounts.create();
        String client = Api.randomAddress();
        String otherClient = Api.randomAddress();
        RateLimitWindows.awaitFreshWindow();
        // The two clients side by side: one after the other, 14 floored answers (3.5 s) did not always fit in the
        // test's 4 s window, and the last start then counted in the next one.
        CompletableFuture<List<Integer>> unknown = CompletableFuture.supplyAsync(() -> IntStream.range(0, 7)
                .mapToObj(i -> startFrom(otherClient, Api.uniqueName("nobody")).statusCode()).toList());
        List<Integer> known = IntStream.range(0, 7)
                .mapToObj(i -> startFrom(client, i % 2 == 0 ? owner.username() : owner.email()).statusCode()).toList();

        assertThat(known).isEqualTo(unknown.join()).containsExactly(202, 202, 202, 202, 202, 202, 429);
        startFrom(client, owner.phone()).then().statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue());
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

    static Response start(String identifier) {
        return anonymous().body(Map.of("identifier", identifier)).post("/api/v1/recoveries");
    }

    private static Response startFrom(String client, String identifier) {
        return Api.from(client).body(Map.of("identifier", identifier)).post("/api/v1/recoveries");
    }
}
