package dev.lifeline.identity.recovery.web;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@IdentityTest
class PasswordResetTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void readyRecoveryResetsThePassword() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        String newPassword = TestAccounts.strongPassword();

        reset(started, newPassword).then().statusCode(204);

        login(owner.username(), newPassword).then().statusCode(200);
        login(owner.username(), owner.password()).then().statusCode(401);
        assertThat(recoveries.find(started.recoveryId()).state()).isEqualTo(Recovery.State.COMPLETED);
    }

    @Test
    void resetIsPublishedAsASchemaValidPasswordResetThatRevokesSessions() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        String newPassword = TestAccounts.strongPassword();
        reset(started, newPassword).then().statusCode(204);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(), EventType.PASSWORD_RESET);

        EventSchemas.assertValid(EventType.PASSWORD_RESET, record.value());
        assertThat(record.value()).contains("\"sessionsRevoked\":true")
                .doesNotContain(newPassword).doesNotContain(started.token());
    }

    @Test
    void recoveryAwaitingEvidenceRefusesWith409AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(started, TestAccounts.strongPassword()).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/recovery-state"))
                .body("reason", equalTo("EVIDENCE_OUTSTANDING"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void coolingOffRefusesWith409AndSaysWhenToRetry() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        recoveries.approve(started.recoveryId(), Assurance.SUBSTANTIAL, Instant.now());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(started, TestAccounts.strongPassword()).then().statusCode(409)
                .body("reason", equalTo("COOLING_OFF"))
                .body("retryAt", notNullValue())
                .header("Retry-After", notNullValue());

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void weakPasswordIsA422WithReasonsAndChangesNothing() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(started, "qwerty123").then().statusCode(422).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("newPassword"))
                .body("violations[0].reason", notNullValue())
                .body(not(containsString("qwerty123")));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void passwordBuiltFromTheAccountsEmailIsA422() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);

        reset(started, owner.email() + "!").then().statusCode(422)
                .body("violations[0].reason", equalTo("CONTAINS_ACCOUNT_DATA"));
    }

    @Test
    void theResetKillsTheTokenForStatus() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        reset(started, TestAccounts.strongPassword()).then().statusCode(204);

        TestRecoveries.status(started.recoveryId(), started.token()).then().statusCode(404);
    }

    @Test
    void theResetKillsTheTokenForAnotherReset() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        reset(started, TestAccounts.strongPassword()).then().statusCode(204);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(started, TestAccounts.strongPassword()).then().statusCode(404).contentType(PROBLEM_JSON);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void decoyRefusesLikeARecoveryAwaitingEvidence() {
        Started real = TestRecoveries.start(accounts.create().username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        Response realAnswer = reset(real, TestAccounts.strongPassword());
        Response decoyAnswer = reset(decoy, TestAccounts.strongPassword());

        assertThat(decoyAnswer.statusCode()).isEqualTo(realAnswer.statusCode()).isEqualTo(409);
        assertThat(withoutInstance(decoyAnswer)).isEqualTo(withoutInstance(realAnswer));
    }

    @Test
    void wrongTokenIsA404AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(new Started(started.recoveryId(), "wrong"), TestAccounts.strongPassword()).then().statusCode(404);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void supportCannotSetAPasswordEvenWithTheRecoveryToken() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());
        String newPassword = TestAccounts.strongPassword();

        Api.as(TestTokens.supportSupervisor()).header("Recovery-Token", started.token())
                .body(Map.of("newPassword", newPassword))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/password")
                .then().statusCode(403).contentType(PROBLEM_JSON);

        assertThat(recoveries.snapshot(owner.id())).as("no password set, no PasswordReset in the outbox")
                .isEqualTo(before);
        login(owner.username(), newPassword).then().statusCode(401);
    }

    @Test
    void oversizedPasswordIsA400AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        reset(started, "x".repeat(129)).then().statusCode(400).body("violations[0].field", equalTo("newPassword"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void malformedJsonIsA400AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = readyRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        anonymous().header("Recovery-Token", started.token()).body("{\"newPassword\": ")
                .post("/api/v1/recoveries/" + started.recoveryId() + "/password")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    private Started readyRecovery(Owner owner) {
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        return started;
    }

    static Response reset(Started started, String newPassword) {
        return anonymous().header("Recovery-Token", started.token()).body(Map.of("newPassword", newPassword))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/password");
    }

    private static Response login(String identifier, String password) {
        return anonymous().body(Map.of("identifier", identifier, "password", password)).post("/api/v1/authentications");
    }

    private static Map<String, Object> withoutInstance(Response problem) {
        Map<String, Object> members = new java.util.HashMap<>(problem.jsonPath().getMap(""));
        members.remove("instance");
        return members;
    }

}
