package dev.lifeline.identity.recovery.web;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.recoverycode.RecoveryCodeFormat;
import dev.lifeline.identity.recoverycode.RecoveryCodes;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static dev.lifeline.identity.testing.Api.from;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/recoveries/{id}/recovery-code}: a saved code as RECOVERY_CODE evidence, against the real
 * database and broker.
 */
@IdentityTest
class RecoveryCodeEvidenceTest {

    private static final String NOT_ACCEPTED = "recovery-code-refused";

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Inject
    RecoveryCodes codes;

    @Test
    void theEmailAndOneRecoveryCodeMakeTheRecoveryReadyWithoutIdentityProofing() {
        Owner owner = accounts.create();
        List<String> saved = issue(owner);
        Started started = TestRecoveries.start(owner.username());
        recoveries.verifyEmail(started.recoveryId());

        Response used = use(started, saved.get(3));

        used.then().statusCode(200);
        assertThat(used.path("status").toString()).isEqualTo("READY");
        assertThat(used.path("recoveryId").toString()).isEqualTo(started.recoveryId().toString());
        Response status = status(started);
        assertThat(status.path("status").toString()).isEqualTo("READY");
        assertThat(status.jsonPath().getList("satisfiedEvidence")).containsExactly("EMAIL", "RECOVERY_CODE");
        PasswordResetTest.reset(started, TestAccounts.strongPassword()).then().statusCode(204);
        assertThat(codes.codesLeft(owner.id())).isEqualTo(9);
    }

    @Test
    void aRecoveryCodeAloneNeverMakesTheRecoveryReady() {
        Owner owner = accounts.create();
        List<String> saved = issue(owner);
        Started started = TestRecoveries.start(owner.username());

        use(started, saved.get(0)).then().statusCode(200);

        Response status = status(started);
        assertThat(status.path("status").toString()).isEqualTo("AWAITING_EVIDENCE");
        assertThat(status.jsonPath().getList("satisfiedEvidence")).containsExactly("RECOVERY_CODE");
    }

    @Test
    void aCodeWorksOnceAndNeverAgainInAnotherRecovery() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started first = TestRecoveries.start(owner.username());
        use(first, code).then().statusCode(200);

        Started second = TestRecoveries.start(owner.username());

        assertNotAccepted(use(second, code));
        assertThat(recoveries.find(second.recoveryId()).satisfiedEvidence()).isEmpty();
    }

    @Test
    void repeatingTheRequestThatCountedIsAnsweredAsItWas() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        use(started, code).then().statusCode(200);

        use(started, code).then().statusCode(200);

        assertThat(codes.codesLeft(owner.id())).isEqualTo(9);
    }

    @Test
    void aCodeOfAReplacedSetFails() {
        Owner owner = accounts.create();
        String old = issue(owner).get(0);
        issue(owner);
        Started started = TestRecoveries.start(owner.username());

        assertNotAccepted(use(started, old));
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
    }

    @Test
    void typingIsForgivingAboutCaseAndSeparators() {
        Owner owner = accounts.create();
        String code = issue(owner).get(5);
        Started started = TestRecoveries.start(owner.username());

        use(started, code.toLowerCase().replace("-", " ")).then().statusCode(200);
    }

    @Test
    void anMfaAccountsRecoveryTakesNoRecoveryCodeAndConsumesNone() {
        Owner owner = accounts.create(true, true);
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        recoveries.verifyEmail(started.recoveryId());

        assertNotAccepted(use(started, code));
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
        assertThat(status(started).path("status").toString()).isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void oneCodeSentToTwoRecoveriesAtOnceCountsForExactlyOne() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        List<Started> started = List.of(TestRecoveries.start(owner.username()),
                TestRecoveries.start(owner.username()), TestRecoveries.start(owner.username()));

        List<Integer> statuses = AtOnce.run(started.stream()
                .<Supplier<Integer>>map(recovery -> () -> use(recovery, code).statusCode()).toList());

        assertThat(statuses).containsExactlyInAnyOrder(200, 400, 400);
        assertThat(codes.codesLeft(owner.id())).isEqualTo(9);
    }

    @Test
    void wrongCodesAreThrottledForTheGuesserWithoutLockingOutTheOwner() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        String attacker = Api.randomAddress();

        // %test: 3 failures per recovery and address before the address must wait.
        for (int i = 0; i < 3; i++) {
            assertNotAccepted(useFrom(attacker, started, RecoveryCodeFormat.EXAMPLE));
        }
        Response throttled = useFrom(attacker, started, RecoveryCodeFormat.EXAMPLE);

        throttled.then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        useFrom(attacker, started, code).then().statusCode(429); // nothing is checked while the address waits
        useFrom(Api.randomAddress(), started, code).then().statusCode(200);
    }

    @Test
    void pastTheAccountCapTheOwnersCodeFromAnAddressThatHasNotBeenFailingCounts() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        // %test: the account's cap is 10 failures, from anywhere.
        for (int i = 0; i < 10; i++) {
            assertNotAccepted(useFrom(Api.randomAddress(), started, RecoveryCodeFormat.EXAMPLE));
        }
        String failing = Api.randomAddress();
        assertNotAccepted(useFrom(failing, started, RecoveryCodeFormat.EXAMPLE));

        assertNotAccepted(useFrom(failing, started, code)); // refused unchecked: this address has been failing
        useFrom(Api.randomAddress(), started, code).then().statusCode(200);
    }

    @Test
    void badInputIsA400NamingTheFieldAndCountsNothing() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        String client = Api.randomAddress();

        for (Object bad : new Object[]{"", "ABCD", "7K3M-9QXD-2HVA-R8TN-4FPW-JC6U", "x".repeat(100), 42}) {
            Response response = from(client).header("Recovery-Token", started.token()).body(Map.of("code", bad))
                    .post(path(started));
            response.then().statusCode(400).contentType(Api.PROBLEM_JSON);
            assertThat(response.jsonPath().getList("violations.field")).contains("code");
        }
        from(client).header("Recovery-Token", started.token()).body("{}").post(path(started)).then().statusCode(400);
        from(client).header("Recovery-Token", started.token()).body("{not json").post(path(started))
                .then().statusCode(400);

        useFrom(client, started, code).then().statusCode(200); // none of those was counted against the client
    }

    @Test
    void aWrongOrMissingTokenIsA404AndABearerTokenIsRefused() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());

        anonymous().header("Recovery-Token", started.token() + "x").body(Map.of("code", code)).post(path(started))
                .then().statusCode(404);
        anonymous().body(Map.of("code", code)).post(path(started)).then().statusCode(404);
        as(TestTokens.supportAgent()).header("Recovery-Token", started.token()).body(Map.of("code", code))
                .post(path(started)).then().statusCode(403);
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
    }

    @Test
    void aCancelledRecoveryRefusesACodeWithItsStateAndConsumesNothing() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        as(TestTokens.supportAgent()).body(Map.of("reason", "owner called")).post("/api/v1/recoveries/"
                + started.recoveryId() + "/cancel").then().statusCode(204);

        Response response = use(started, code);

        response.then().statusCode(409);
        assertThat(response.path("reason").toString()).isEqualTo("CANCELLED");
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
    }

    @Test
    void theUseIsPublishedAsASchemaValidRecoveryCodeUsedWithoutTheCode() {
        Owner owner = accounts.create();
        String code = issue(owner).get(0);
        Started started = TestRecoveries.start(owner.username());
        use(started, code).then().statusCode(200);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(started.recoveryId(),
                EventType.RECOVERY_CODE_USED);

        EventSchemas.assertValid(EventType.RECOVERY_CODE_USED, record.value());
        assertThat(record.value()).contains("\"codesLeft\":9")
                .doesNotContain(code).doesNotContain(RecoveryCodeFormat.normalise(code).orElseThrow());
    }

    @Test
    void noCodeAppearsInAnyEventLogOrAuditLine() {
        Owner owner = accounts.create();
        List<String> saved;
        List<String> lines;
        Started started;
        try (LogLines logs = LogLines.all()) {
            saved = issue(owner);
            started = TestRecoveries.start(owner.username());
            recoveries.verifyEmail(started.recoveryId());
            use(started, RecoveryCodeFormat.EXAMPLE).then().statusCode(400);
            use(started, saved.get(0)).then().statusCode(200);
            lines = logs.lines();
        }
        IdentityTopic.eventOf(started.recoveryId(), EventType.RECOVERY_APPROVED);
        List<ConsumerRecord<String, String>> events = KafkaTestClient.forApplication().readUntil(Topics.IDENTITY,
                record -> started.recoveryId().toString().equals(KafkaTestClient.header(record, "ce_subject"))
                        && EventType.RECOVERY_APPROVED.ceType().equals(KafkaTestClient.header(record, "ce_type")));

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("recovery.recovery-code", "accepted"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("recovery.recovery-code", "refused"));
        for (String code : saved) {
            String canonical = RecoveryCodeFormat.normalise(code).orElseThrow();
            assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(code, canonical));
            assertThat(events).noneSatisfy(record -> assertThat(record.value()).containsAnyOf(code, canonical));
        }
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(RecoveryCodeFormat.EXAMPLE));
    }

    @Test
    void aDecoyAnswersEveryGuessAsARealRecoveryWithAWrongCodeDoesThroughTheThrottle() {
        Owner owner = accounts.create();
        issue(owner);
        Started real = TestRecoveries.start(owner.username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));
        String realClient = Api.randomAddress();
        String decoyClient = Api.randomAddress();

        for (int i = 0; i < 5; i++) {
            assertThat(answer(useFrom(decoyClient, decoy, RecoveryCodeFormat.EXAMPLE)))
                    .isEqualTo(answer(useFrom(realClient, real, RecoveryCodeFormat.EXAMPLE)));
        }
    }

    @Test
    void refusalsLeaveNoEarlierThanTheRefusalFloorForARealRecoveryAndADecoyAlike() {
        Owner owner = accounts.create();
        issue(owner);
        Started real = TestRecoveries.start(owner.username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        for (Started started : List.of(real, decoy)) {
            long begun = System.nanoTime();
            assertNotAccepted(use(started, RecoveryCodeFormat.EXAMPLE));
            // A lower bound set by the floor (lifeline.password-check.refusal-floor), not a timing measurement.
            assertThat(Duration.ofNanos(System.nanoTime() - begun)).isGreaterThanOrEqualTo(
                    Duration.ofMillis(250));
        }
    }

    /** Status, problem type, title, detail and Retry-After presence: what a guesser sees. */
    private static String answer(Response response) {
        return response.statusCode() + " " + response.path("type") + " " + response.path("title") + " "
                + response.path("detail") + " " + (response.header("Retry-After") != null);
    }

    private List<String> issue(Owner owner) {
        return as(TestTokens.gatewayFor(owner.id())).post("/api/v1/accounts/" + owner.id() + "/recovery-codes")
                .then().statusCode(201).extract().jsonPath().getList("codes", String.class);
    }

    private static Response use(Started started, String code) {
        return useFrom(Api.randomAddress(), started, code);
    }

    private static Response useFrom(String client, Started started, String code) {
        return from(client).header("Recovery-Token", started.token()).body(Map.of("code", code)).post(path(started));
    }

    private static Response status(Started started) {
        return anonymous().header("Recovery-Token", started.token()).get("/api/v1/recoveries/" + started.recoveryId());
    }

    private static String path(Started started) {
        return "/api/v1/recoveries/" + started.recoveryId() + "/recovery-code";
    }

    private static void assertNotAccepted(Response response) {
        response.then().statusCode(400).contentType(Api.PROBLEM_JSON);
        assertThat(response.path("type").toString()).endsWith(NOT_ACCEPTED);
        assertThat(response.jsonPath().getMap("")).doesNotContainKey("violations");
    }
}
