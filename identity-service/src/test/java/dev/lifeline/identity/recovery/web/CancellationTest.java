package dev.lifeline.identity.recovery.web;

import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.identity.authentication.PasswordCheck;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import dev.lifeline.testing.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@IdentityTest
class CancellationTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Inject
    PasswordCheck passwords;

    @Test
    void ownerCancelsWithTheCurrentPassword() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());

        cancel(anonymous(), started.recoveryId(), ownerBody(owner.email(), owner.password())).then().statusCode(204);

        Recovery cancelled = recoveries.find(started.recoveryId());
        assertThat(cancelled.state()).isEqualTo(Recovery.State.CANCELLED);
        assertThat(cancelled.cancelledBy()).contains(CancelledBy.OWNER);
        assertThat(cancelled.cancelledActor()).contains("owner");
    }

    @Test
    void ownersCancellationIsPublishedWithoutThePassword() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        cancel(anonymous(), started.recoveryId(), ownerBody(owner.username(), owner.password())).then().statusCode(204);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(), EventType.RECOVERY_CANCELLED);

        EventSchemas.assertValid(EventType.RECOVERY_CANCELLED, record.value());
        assertThat(record.value()).contains("\"by\":\"OWNER\"").contains("\"actor\":\"owner\"")
                .doesNotContain(owner.password()).doesNotContain(owner.username());
    }

    @Test
    void wrongPasswordIsA401AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        cancel(anonymous(), started.recoveryId(), ownerBody(owner.username(), "not-" + owner.password()))
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/invalid-credentials"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void anotherAccountsPasswordIsA401AndChangesNothing() {
        Owner owner = accounts.create();
        Owner stranger = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        cancel(anonymous(), started.recoveryId(), ownerBody(stranger.username(), stranger.password()))
                .then().statusCode(401);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void rightPasswordOnAnotherAccountsRecoveryIsAnsweredAndCountedAsAWrongPassword() {
        Owner owner = accounts.create();
        Started othersRecovery = TestRecoveries.start(accounts.create().username());
        String address = Api.randomAddress();

        Response wrongPassword = cancel(Api.from(address), othersRecovery.recoveryId(),
                ownerBody(owner.username(), "wrong-password"));
        Response rightPassword = cancel(Api.from(address), othersRecovery.recoveryId(),
                ownerBody(owner.username(), owner.password()));

        assertThat(rightPassword.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(rightPassword.body().asString()).isEqualTo(wrongPassword.body().asString());
        assertThat(passwords.failures(owner.username(), address).identifierAndClient()).isEqualTo(2);
        assertThat(recoveries.find(othersRecovery.recoveryId()).state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    @Test
    void rightPasswordOnADecoyIsAnsweredAndCountedAsAWrongPassword() {
        Owner owner = accounts.create();
        TestRecoveries.start(owner.username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));
        String address = Api.randomAddress();

        Response wrongPassword = cancel(Api.from(address), decoy.recoveryId(), ownerBody(owner.username(), "wrong-password"));
        Response onDecoy = cancel(Api.from(address), decoy.recoveryId(), ownerBody(owner.username(), owner.password()));

        assertThat(onDecoy.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(onDecoy.body().asString()).isEqualTo(wrongPassword.body().asString());
        assertThat(passwords.failures(owner.username(), address).identifierAndClient()).isEqualTo(2);
    }

    @Test
    void rightPasswordsOnOthersRecoveriesAreThrottledLikeWrongOnes() {
        Owner owner = accounts.create();
        Started othersRecovery = TestRecoveries.start(accounts.create().username());
        String address = Api.randomAddress();
        for (int i = 0; i < 3; i++) {
            cancel(Api.from(address), othersRecovery.recoveryId(), ownerBody(owner.username(), owner.password()))
                    .then().statusCode(401);
        }

        cancel(Api.from(address), othersRecovery.recoveryId(), ownerBody(owner.username(), owner.password()))
                .then().statusCode(429);
    }

    @Test
    void ownerSendingAReasonIsA400() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        Map<String, String> body = ownerBody(owner.username(), owner.password());
        body.put("reason", "changed my mind");

        cancel(anonymous(), started.recoveryId(), body).then().statusCode(400)
                .body("violations.field", hasItem("reason"));
    }

    @Test
    void ownerWithoutPasswordIsA400() {
        Started started = TestRecoveries.start(accounts.create().username());

        cancel(anonymous(), started.recoveryId(), new HashMap<>(Map.of("identifier", "someone")))
                .then().statusCode(400).body("violations.field", hasItem("password"));
    }

    @Test
    void ownersFailedCancelsCountAsPasswordFailuresFromThatAddress() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        String address = Api.randomAddress();
        for (int i = 0; i < 3; i++) {
            cancel(Api.from(address), started.recoveryId(), ownerBody(owner.username(), "guess-" + i))
                    .then().statusCode(401);
        }

        cancel(Api.from(address), started.recoveryId(), ownerBody(owner.username(), owner.password()))
                .then().statusCode(429).contentType(PROBLEM_JSON);
    }

    @Test
    void ownerCancelsFromAnotherAddressWhileAStrangersGuessesAreThrottled() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        String stranger = Api.randomAddress();
        for (int i = 0; i < 5; i++) {
            cancel(Api.from(stranger), started.recoveryId(), ownerBody(owner.username(), "guess-" + i));
        }

        cancel(anonymous(), started.recoveryId(), ownerBody(owner.username(), owner.password())).then().statusCode(204);
    }

    @Test
    void pastTheAccountCapTheOwnerCancelsFromAnAddressThatHasNotBeenFailing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        // %test: the account's cap is 10 password failures, from anywhere (logins and cancels count alike).
        for (int i = 0; i < 10; i++) {
            cancel(Api.from(Api.randomAddress()), started.recoveryId(), ownerBody(owner.username(), "spray-" + i))
                    .then().statusCode(401);
        }

        cancel(Api.from(Api.randomAddress()), started.recoveryId(), ownerBody(owner.email(), owner.password()))
                .then().statusCode(204);
    }

    @Test
    void supportCancelsWithAReason() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());

        cancel(as(TestTokens.supportAgent()), started.recoveryId(), Map.of("reason", "owner called: not them"))
                .then().statusCode(204);

        Recovery cancelled = recoveries.find(started.recoveryId());
        assertThat(cancelled.cancelledBy()).contains(CancelledBy.SUPPORT);
        assertThat(cancelled.cancelledActor()).contains("bob-support");
        assertThat(cancelled.cancelReason()).contains("owner called: not them");
    }

    @Test
    void supportsCancellationNamesTheAgentInTheEvent() {
        Started started = TestRecoveries.start(accounts.create().username());
        cancel(as(TestTokens.supportSupervisor()), started.recoveryId(), Map.of("reason", "suspicious")).then().statusCode(204);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(), EventType.RECOVERY_CANCELLED);

        EventSchemas.assertValid(EventType.RECOVERY_CANCELLED, record.value());
        assertThat(record.value()).contains("\"by\":\"SUPPORT\"").contains("\"actor\":\"carol-supervisor\"");
    }

    @Test
    void supportWithoutAReasonIsA400AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        cancel(as(TestTokens.supportAgent()), started.recoveryId(), Map.of()).then().statusCode(400)
                .body("violations.field", hasItem("reason"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void supportCannotHandleTheOwnersPassword() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());

        cancel(as(TestTokens.supportAgent()), started.recoveryId(),
                Map.of("reason", "owner asked", "identifier", owner.username(), "password", owner.password()))
                .then().statusCode(400).body("violations.field", hasItem("password"));
    }

    @Test
    void oversizedReasonIsA400() {
        Started started = TestRecoveries.start(accounts.create().username());

        cancel(as(TestTokens.supportAgent()), started.recoveryId(), Map.of("reason", "x".repeat(501)))
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
    }

    @Test
    void adminIsNotSupport() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        cancel(as(TestTokens.admin()), started.recoveryId(), Map.of("reason", "cleanup")).then().statusCode(403);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void supportCancellingAnUnknownRecoveryIsA404() {
        cancel(as(TestTokens.supportAgent()), UUID.randomUUID(), Map.of("reason", "typo")).then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void cancellingAnEndedRecoveryIsA409() {
        Started started = TestRecoveries.start(accounts.create().username());
        cancel(as(TestTokens.supportAgent()), started.recoveryId(), Map.of("reason", "first")).then().statusCode(204);

        cancel(as(TestTokens.supportAgent()), started.recoveryId(), Map.of("reason", "again")).then().statusCode(409)
                .body("reason", equalTo("CANCELLED"));
    }

    @Test
    void malformedJsonIsA400AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        anonymous().body("{\"identifier\": ").post("/api/v1/recoveries/" + started.recoveryId() + "/cancel")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    private static Map<String, String> ownerBody(String identifier, String password) {
        return new HashMap<>(Map.of("identifier", identifier, "password", password));
    }

    private static Response cancel(RequestSpecification as, UUID recoveryId, Map<String, String> body) {
        return as.body(body).post("/api/v1/recoveries/" + recoveryId + "/cancel");
    }
}
