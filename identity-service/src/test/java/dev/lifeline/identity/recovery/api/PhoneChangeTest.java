package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import dev.lifeline.deploy.testing.TestTokens;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@IdentityTest
class PhoneChangeTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void completedRecoveryBindsANewPhoneWithinTheWindow() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();

        changePhone(started, newPhone).then().statusCode(204);

        assertThat(accounts.find(owner.id()).phone()).contains(newPhone);
        assertThat(accounts.find(owner.id()).phoneStatus()).isEqualTo(dev.lifeline.events.PhoneStatus.ACTIVE);
    }

    @Test
    void phoneChangeIsPublishedMaskedForAuditWithTheNumberForTheTextToItAndSchemaValid() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        changePhone(started, newPhone).then().statusCode(204);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(),
                EventType.PHONE_NUMBER_CHANGED);

        EventSchemas.assertValid(EventType.PHONE_NUMBER_CHANGED, record.value());
        PhoneNumberChanged changed = (PhoneNumberChanged) EventJson.read(EventType.PHONE_NUMBER_CHANGED, record.value());
        assertThat(changed.maskedPhone()).endsWith(newPhone.substring(newPhone.length() - 4))
                .doesNotContain(newPhone.substring(3));
        assertThat(changed.phone()).isEqualTo(newPhone);
        assertThat(record.value()).doesNotContain(started.token());
    }

    @Test
    void beforeTheResetIsA409AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        changePhone(started, newPhone()).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("reason", equalTo("NOT_COMPLETED"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void afterTheWindowIsA409AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        Instant now = Instant.now();
        recoveries.completeAt(started.recoveryId(), now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(31)));
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        changePhone(started, newPhone()).then().statusCode(409).body("reason", equalTo("PHONE_CHANGE_WINDOW_CLOSED"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void aSecondChangeIsA409() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        changePhone(started, newPhone()).then().statusCode(204);

        changePhone(started, newPhone()).then().statusCode(409).body("reason", equalTo("PHONE_ALREADY_CHANGED"));
    }

    @Test
    void anotherAccountsNumberIsA409AndChangesNothing() {
        Owner owner = accounts.create();
        Owner other = accounts.create();
        Started started = completedRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        changePhone(started, other.phone()).then().statusCode(409)
                .body("type", equalTo("https://lifeline.dev/problems/duplicate-account"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void malformedPhoneIsA400AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        changePhone(started, "call me maybe").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("phone"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void wrongTokenIsA404() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);

        changePhone(new Started(started.recoveryId(), "wrong"), newPhone()).then().statusCode(404);
    }

    @Test
    void supportCannotBindAPhoneEvenWithTheRecoveryToken() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String phoneBefore = accounts.find(owner.id()).phone().orElse(null);

        Api.as(TestTokens.supportSupervisor()).header("Recovery-Token", started.token())
                .body(Map.of("phone", newPhone()))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/phone")
                .then().statusCode(403).contentType(PROBLEM_JSON);

        assertThat(accounts.find(owner.id()).phone().orElse(null)).isEqualTo(phoneBefore);
        changePhone(started, newPhone()).then().statusCode(204); // the token holder still may
    }

    @Test
    void decoyRefusesLikeARecoveryNotYetCompleted() {
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        changePhone(decoy, newPhone()).then().statusCode(409).body("reason", equalTo("NOT_COMPLETED"));
    }

    private Started completedRecovery(Owner owner) {
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        PasswordResetTest.reset(started, TestAccounts.strongPassword()).then().statusCode(204);
        return started;
    }

    private static String newPhone() {
        return "+86" + (15_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    static Response changePhone(Started started, String phone) {
        return anonymous().header("Recovery-Token", started.token()).body(Map.of("phone", phone))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/phone");
    }
}
