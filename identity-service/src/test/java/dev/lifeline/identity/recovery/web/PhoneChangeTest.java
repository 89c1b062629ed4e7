package dev.lifeline.identity.recovery.web;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.identity.phoneproof.PhoneProofRetention;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.SmsReceiver;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A new phone is bound only once its holder proved it (issue 22.6): {@code POST …/phone} texts a code to the number
 * and answers alike for a free and a registered one; {@code POST …/phone/confirm} binds it with that code.
 */
@IdentityTest
class PhoneChangeTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Inject
    PhoneProofRetention retention;

    @Test
    void theCodeTextedToTheNewNumberBindsIt() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();

        requestCode(started, newPhone).then().statusCode(202)
                .body("recoveryId", equalTo(started.recoveryId().toString()))
                .body("phone", equalTo(Masks.phone(newPhone)))
                .body("codeExpiresAt", notNullValue())
                .body("codesLeft", equalTo(2));
        assertThat(accounts.find(owner.id()).phone()).as("not bound before the proof").contains(owner.phone());

        confirm(started, codeTo(newPhone, 1)).then().statusCode(204);

        assertThat(accounts.find(owner.id()).phone()).contains(newPhone);
        assertThat(accounts.find(owner.id()).phoneStatus()).isEqualTo(PhoneStatus.ACTIVE);
        assertThat(recoveries.phoneProofRow(started.recoveryId())).as("the proof is done with").isEmpty();
    }

    @Test
    void theTextGoesToTheProviderWithItsKeyInTheAccountsLanguage() {
        Owner owner = accounts.create(); // zh-CN, as every test account
        Started started = completedRecovery(owner);
        String newPhone = newPhone();

        requestCode(started, newPhone).then().statusCode(202);

        SmsReceiver.Text text = SmsReceiver.awaitText(newPhone, 1);
        assertThat(text.authorization()).isEqualTo("Bearer test-sms-key");
        assertThat(text.body()).contains("验证码").contains(text.code().orElseThrow());
    }

    @Test
    void theCodeIsStoredOnlyAsAKeyedHash() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);

        assertThat(recoveries.phoneProofRow(started.recoveryId())).isNotEmpty()
                .noneMatch(column -> column.contains(code));
    }

    @Test
    void phoneChangeIsPublishedAfterTheProofMaskedForAuditWithTheNumberForTheTextToItAndSchemaValid() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);
        confirm(started, code).then().statusCode(204);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(),
                EventType.PHONE_NUMBER_CHANGED);

        EventSchemas.assertValid(EventType.PHONE_NUMBER_CHANGED, record.value());
        PhoneNumberChanged changed = (PhoneNumberChanged) EventJson.read(EventType.PHONE_NUMBER_CHANGED, record.value());
        assertThat(changed.maskedPhone()).endsWith(newPhone.substring(newPhone.length() - 4))
                .doesNotContain(newPhone.substring(3));
        assertThat(changed.phone()).isEqualTo(newPhone);
        assertThat(record.value()).doesNotContain(started.token()).doesNotContain(code);
    }

    @Test
    void aRegisteredNumberIsAnsweredAsAFreeOneAndRefusedOnlyAfterItsHolderProvedIt() {
        Owner owner = accounts.create();
        Owner other = accounts.create();
        Owner third = accounts.create();
        Started registered = completedRecovery(owner);
        Started free = completedRecovery(third);
        String freePhone = newPhone();

        Response toRegistered = requestCode(registered, other.phone());
        Response toFree = requestCode(free, freePhone);

        assertThat(toRegistered.statusCode()).isEqualTo(toFree.statusCode()).isEqualTo(202);
        assertThat(toRegistered.jsonPath().getMap("").keySet()).isEqualTo(toFree.jsonPath().getMap("").keySet());
        assertThat(toRegistered.jsonPath().getInt("codesLeft")).isEqualTo(toFree.jsonPath().getInt("codesLeft"));
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        confirm(registered, codeTo(other.phone(), 1)).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/duplicate-account"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
        assertThat(accounts.find(other.id()).phone()).contains(other.phone());
    }

    @Test
    void aWrongCodeIsA400WithTheAttemptsLeftAndBindsNothing() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        confirm(started, otherThan(code)).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/phone-code-refused"))
                .body("attemptsLeft", equalTo(4));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
        confirm(started, code).then().statusCode(204);
    }

    @Test
    void theFifthWrongCodeSpendsTheRequestSoTheRightCodeNoLongerCountsUntilANewOneIsAskedFor() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);
        for (int left = 4; left >= 0; left--) {
            confirm(started, otherThan(code)).then().statusCode(400).body("attemptsLeft", equalTo(left));
        }

        confirm(started, code).then().statusCode(400).body("attemptsLeft", equalTo(0));

        requestCode(started, newPhone).then().statusCode(202).body("codesLeft", equalTo(1));
        confirm(started, codeTo(newPhone, 2)).then().statusCode(204);
    }

    @Test
    void onlyTheNewestCodeCounts() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String first = newPhone();
        String second = newPhone();
        requestCode(started, first).then().statusCode(202);
        String firstCode = codeTo(first, 1);
        requestCode(started, second).then().statusCode(202);
        String secondCode = codeTo(second, 1);

        if (!firstCode.equals(secondCode)) {
            confirm(started, firstCode).then().statusCode(400);
        }
        confirm(started, secondCode).then().statusCode(204);

        assertThat(accounts.find(owner.id()).phone()).contains(second);
    }

    @Test
    void anExpiredCodeIsA410AndBindsNothing() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);
        recoveries.agePhoneCode(started.recoveryId(), Instant.now().minusSeconds(1));
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        confirm(started, code).then().statusCode(410).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/phone-code-expired"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void aRecoveryMayAskForThreeCodesAndNoMore() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        for (int left = 2; left >= 0; left--) {
            requestCode(started, newPhone()).then().statusCode(202).body("codesLeft", equalTo(left));
        }

        requestCode(started, newPhone()).then().statusCode(429).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/too-many-phone-codes"));
    }

    @Test
    void aProviderOutageIsRetriedUntilTheTextLeaves() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        SmsReceiver.answerNext(503, 503);

        requestCode(started, newPhone).then().statusCode(202);

        confirm(started, codeTo(newPhone, 1)).then().statusCode(204);
    }

    @Test
    void aCodeTypedBeforeAnyWasAskedForIsA409() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);

        confirm(started, "123456").then().statusCode(409).body("reason", equalTo("PHONE_NOT_REQUESTED"));
    }

    @Test
    void concurrentConfirmationsWithTheRightCodeBindTheNumberOnce() throws Exception {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        String newPhone = newPhone();
        requestCode(started, newPhone).then().statusCode(202);
        String code = codeTo(newPhone, 1);
        long eventsBefore = recoveries.outboxRowsOf(started.recoveryId());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return confirm(started, code).statusCode();
            }));
        }

        go.countDown();

        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 204).containsOnly(409);
        assertThat(recoveries.outboxRowsOf(started.recoveryId())).as("one PhoneNumberChanged")
                .isEqualTo(eventsBefore + 1);
    }

    @Test
    void beforeTheResetBothStepsAre409AndChangeNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        requestCode(started, newPhone()).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("reason", equalTo("NOT_COMPLETED"));
        confirm(started, "123456").then().statusCode(409).body("reason", equalTo("NOT_COMPLETED"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
        assertThat(recoveries.phoneProofRow(started.recoveryId())).isEmpty();
    }

    @Test
    void afterTheWindowIsA409AndChangesNothing() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        Instant now = Instant.now();
        recoveries.completeAt(started.recoveryId(), now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(31)));
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        requestCode(started, newPhone()).then().statusCode(409)
                .body("reason", equalTo("PHONE_CHANGE_WINDOW_CLOSED"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
    }

    @Test
    void aCodeCannotOutliveTheWindow() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        Instant now = Instant.now();
        recoveries.completeAt(started.recoveryId(), now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(28)));

        Instant expiresAt = Instant.parse(requestCode(started, newPhone()).then().statusCode(202)
                .extract().path("codeExpiresAt"));

        assertThat(expiresAt).isBefore(now.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aSecondChangeIsA409() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        bind(started, newPhone());

        requestCode(started, newPhone()).then().statusCode(409).body("reason", equalTo("PHONE_ALREADY_CHANGED"));
    }

    @Test
    void malformedInputIsA400NamingTheFieldAndChangesNothing() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        TestRecoveries.Snapshot before = recoveries.snapshot(owner.id());

        requestCode(started, "call me maybe").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("phone"));
        confirm(started, "12345x").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("code"));

        assertThat(recoveries.snapshot(owner.id())).isEqualTo(before);
        assertThat(recoveries.phoneProofRow(started.recoveryId())).isEmpty();
    }

    @Test
    void wrongTokenIsA404() {
        Owner owner = accounts.create();
        Started started = completedRecovery(owner);
        Started wrong = new Started(started.recoveryId(), "wrong");

        requestCode(wrong, newPhone()).then().statusCode(404);
        confirm(wrong, "123456").then().statusCode(404);
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
        Api.as(TestTokens.supportSupervisor()).header("Recovery-Token", started.token())
                .body(Map.of("code", "123456"))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/phone/confirm")
                .then().statusCode(403).contentType(PROBLEM_JSON);

        assertThat(accounts.find(owner.id()).phone().orElse(null)).isEqualTo(phoneBefore);
        bind(started, newPhone()); // the token holder still may
    }

    @Test
    void decoyRefusesBothStepsLikeARecoveryNotYetCompleted() {
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        requestCode(decoy, newPhone()).then().statusCode(409).body("reason", equalTo("NOT_COMPLETED"));
        confirm(decoy, "123456").then().statusCode(409).body("reason", equalTo("NOT_COMPLETED"));
    }

    @Test
    void anUnconfirmedRequestAndItsNumberAreDeletedOnTheRetentionHorizonAndNotBefore() {
        Started started = completedRecovery(accounts.create());
        requestCode(started, newPhone()).then().statusCode(202);
        Instant now = Instant.now(); // the code expires 10 minutes from now; the horizon is a day after that

        retention.prune(now.plus(Duration.ofHours(23)));
        assertThat(recoveries.phoneProofRow(started.recoveryId())).as("within the day kept").isNotEmpty();

        retention.prune(now.plus(Duration.ofHours(25)));
        assertThat(recoveries.phoneProofRow(started.recoveryId())).as("past the horizon").isEmpty();
    }

    private Started completedRecovery(Owner owner) {
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        PasswordResetTest.reset(started, TestAccounts.strongPassword()).then().statusCode(204);
        return started;
    }

    private static void bind(Started started, String phone) {
        requestCode(started, phone).then().statusCode(202);
        confirm(started, codeTo(phone, SmsReceiver.textsTo(phone).size() + 1)).then().statusCode(204);
    }

    private static String codeTo(String phone, int nth) {
        return SmsReceiver.awaitText(phone, nth).code().orElseThrow();
    }

    private static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String newPhone() {
        return "+86" + (15_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    static Response requestCode(Started started, String phone) {
        return anonymous().header("Recovery-Token", started.token()).body(Map.of("phone", phone))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/phone");
    }

    static Response confirm(Started started, String code) {
        return anonymous().header("Recovery-Token", started.token()).body(Map.of("code", code))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/phone/confirm");
    }
}
