package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recovery saga as its users meet it (issue 11, scenarios 1–5), on one suite {@code deploy/lifeline up} starts:
 * the gateway, support and an audit consumer, only through the REST contract, the mailbox and the topics. Every test
 * has an owner of its own (account, facts, end-user address), so none depends on another or on their order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoverySagaIT {

    /** Short enough to wait out in a test, long enough to act inside it on a busy 2-core machine. */
    private static final Duration COOLING_OFF = Duration.ofSeconds(8);
    /**
     * Every recovery of this suite expires after it: long enough for the others to end on a busy machine, short
     * enough that the one left open (started first, checked last) expires while they run.
     */
    private static final Duration RECOVERY_TTL = Duration.ofMinutes(2);
    private static final String STARTED = "Someone has started to recover your account";
    private static final String APPROVED = "The recovery of your account was approved";
    private static final String PASSWORD_CHANGED = "The password of your account was changed";
    private static final String CANCELLED = "The recovery of your account was cancelled";
    private static final String CANCELLED_BY_SUPPORT = "Customer support cancelled the recovery of your account";
    private static final String REFUSED = "The recovery of your account was refused";
    private static final String EXPIRED = "The recovery of your account expired before the password was reset";
    private static final String EMAIL_VERIFICATION_GROUP = "email-verification-service";

    private static Suite suite;
    private static SmsInbox sms;
    private static IdentityApi identity;
    private static EmailVerificationApi email;
    private static KycApi kyc;
    private static AuditTopics topics;
    private static HappyPath happyPath;
    private static LeftOpen leftOpen;

    @BeforeAll
    static void up() {
        // The launcher hands its environment to the services: identity-service's lifeline.recovery.cooling-off.
        sms = SmsInbox.open();
        Map<String, String> environment = new HashMap<>(sms.environment());
        environment.put("LIFELINE_RECOVERY_COOLING_OFF", COOLING_OFF.toString());
        environment.put("LIFELINE_RECOVERY_TTL", RECOVERY_TTL.toString());
        suite = Suite.up(RecoverySagaIT.class, environment);
        identity = suite.identity();
        email = suite.emailVerification();
        kyc = suite.kyc();
        topics = suite.topics();
        leftOpen = leaveARecoveryOpen();
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
        if (sms != null) {
            sms.close();
        }
    }

    // ---- 1. Happy path: email code and full identity evidence (SUBSTANTIAL at most: a cooling-off), then the reset ----

    /** One recovery walked from start to reset; the tests below judge different sides of it. */
    private record HappyPath(Owner owner, String accountId, StartedRecovery recovery, String code, String newPassword,
                             String weakPassword, Http.Answer weakRefusal, Http.Answer reset, JsonNode coolingOff,
                             Http.Answer resetDuringCoolingOff, JsonNode ready) {
    }

    private static synchronized HappyPath happyPath() {
        if (happyPath == null) {
            Owner owner = Owner.random();
            String accountId = identity.createAccount(owner, false);
            kyc.putProfile(accountId, owner);
            StartedRecovery recovery = identity.start(owner);
            String code = email.awaitCode(owner, 1);
            email.confirm(recovery, code).expect(200, "confirm the mailed code");
            assertThat(KycApi.questionsOf(kyc.check(recovery).expect(200, "identity check")))
                    .containsExactlyElementsOf(owner.questions().stream().map(Owner.SecurityQuestion::question).toList());
            assertThat(kyc.submit(recovery, KycApi.fullEvidence(owner)).expect(200, "evidence").json()
                    .path("status").asText()).isEqualTo("CONFIRMED");
            JsonNode coolingOff = identity.awaitStatus(recovery, "COOLING_OFF");
            Http.Answer resetDuringCoolingOff = identity.resetPassword(recovery, Owner.randomPassword());
            JsonNode ready = identity.awaitStatus(recovery, "READY");
            String weakPassword = "qwertyuiop";
            Http.Answer weakRefusal = identity.resetPassword(recovery, weakPassword);
            String newPassword = Owner.randomPassword();
            Http.Answer reset = identity.resetPassword(recovery, newPassword);
            happyPath = new HappyPath(owner, accountId, recovery, code, newPassword, weakPassword, weakRefusal, reset,
                    coolingOff, resetDuringCoolingOff, ready);
        }
        return happyPath;
    }

    @Test
    void emailCodeAndEveryTypedFactMakeTheRecoveryReadyOnlyAfterTheCoolingOff() {
        HappyPath path = happyPath();

        assertThat(path.resetDuringCoolingOff().status()).as("%s", path.resetDuringCoolingOff()).isEqualTo(409);
        Instant resetAllowedAt = Instant.parse(path.coolingOff().path("resetAllowedAt").asText());
        assertThat(Instant.parse(path.ready().path("resetAllowedAt").asText())).isEqualTo(resetAllowedAt)
                .isBeforeOrEqualTo(Instant.now());
        assertThat(IdentityApi.texts(path.ready().path("satisfiedEvidence"))).contains("EMAIL", "IDENTITY");
    }

    @Test
    void aWeakPasswordIsRefusedAndTheNewOneReplacesTheOldAtLogin() {
        HappyPath path = happyPath();

        assertThat(path.weakRefusal().status()).as("%s", path.weakRefusal()).isEqualTo(422);
        assertThat(path.reset().status()).as("%s", path.reset()).isEqualTo(204);
        Http.Answer newLogin = identity.authenticate(path.owner(), path.newPassword());
        assertThat(newLogin.status()).as("%s", newLogin).isEqualTo(200);
        assertThat(newLogin.json().path("accountId").asText()).isEqualTo(path.accountId());
        assertThat(identity.authenticate(path.owner(), path.owner().password()).status()).isEqualTo(401);
        // The token died with the reset: it opens nothing, and a second reset with it changes nothing.
        assertThat(identity.status(path.recovery()).status()).isEqualTo(404);
        assertThat(identity.resetPassword(path.recovery(), Owner.randomPassword()).status()).isNotEqualTo(204);
        assertThat(identity.authenticate(path.owner(), path.newPassword()).status()).isEqualTo(200);
    }

    @Test
    void aNewPhoneIsBoundOnlyWithTheCodeTextedToItAndIsThenToldOfTheChange() {
        Owner owner = Owner.random();
        String accountId = identity.createAccount(owner, false);
        kyc.putProfile(accountId, owner);
        StartedRecovery recovery = identity.start(owner);
        email.confirm(recovery, email.awaitCode(owner, 1)).expect(200, "confirm the mailed code");
        kyc.check(recovery).expect(200, "identity check");
        kyc.submit(recovery, KycApi.fullEvidence(owner)).expect(200, "evidence");
        identity.awaitStatus(recovery, "READY");
        identity.resetPassword(recovery, Owner.randomPassword()).expect(204, "reset");
        String newPhone = "+86139" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));

        JsonNode asked = identity.requestPhoneCode(recovery, newPhone).expect(202, "a code to the new phone").json();
        String code = sms.awaitCode(newPhone, 1);
        Http.Answer wrong = identity.confirmPhone(recovery, code.equals("000000") ? "000001" : "000000");
        Http.Answer bound = identity.confirmPhone(recovery, code);

        assertThat(asked.path("phone").asText()).endsWith(newPhone.substring(newPhone.length() - 4))
                .doesNotContain(newPhone.substring(3, 9));
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(400);
        assertThat(bound.status()).as("%s", bound).isEqualTo(204);
        topics.awaitEvent(AuditTopics.IDENTITY, recovery.id(), "dev.lifeline.PhoneNumberChanged.v1");
        assertThat(topics.ofRecovery(AuditTopics.IDENTITY, recovery.id())).extracting(AuditTopics.Event::value)
                .noneMatch(value -> value.contains(code));
        // notification-service texts the number it now knows about the change (its second text, after the code).
        assertThat(sms.awaitText(newPhone, 2).body()).doesNotContain(code);
    }

    @Test
    void ownerIsMailedWhenTheRecoveryStartsIsApprovedAndThePasswordIsReset() {
        HappyPath path = happyPath();

        assertThat(suite.awaitMail(path.owner().email(), STARTED)).contains("recovery=" + path.recovery().id());
        suite.awaitMail(path.owner().email(), APPROVED);
        suite.awaitMail(path.owner().email(), PASSWORD_CHANGED);
    }

    @Test
    void identityTopicHoldsTheRecoverysEventsInOrderWithCloudEventsHeaders() {
        HappyPath path = happyPath();
        String id = path.recovery().id();
        topics.awaitEvent(AuditTopics.IDENTITY, id, "dev.lifeline.PasswordReset.v1");

        List<AuditTopics.Event> events = topics.ofRecovery(AuditTopics.IDENTITY, id);

        assertThat(events).extracting(AuditTopics.Event::type).containsExactly("dev.lifeline.RecoveryRequested.v1",
                "dev.lifeline.RecoveryApproved.v1", "dev.lifeline.PasswordReset.v1");
        assertThat(events).extracting(AuditTopics.Event::partition).containsOnly(events.get(0).partition());
        assertThat(events).allSatisfy(event -> {
            assertThat(event.key()).isEqualTo(id);
            assertThat(event.headers()).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_source", "/lifeline/identity-service")
                    .containsEntry("ce_subject", id)
                    .containsKeys("ce_id", "ce_time", "traceparent");
            assertThat(UUID.fromString(event.headers().get("ce_id"))).isNotNull();
            assertThat(Instant.parse(event.headers().get("ce_time"))).isBeforeOrEqualTo(Instant.now());
            assertThat(Http.JSON.readTree(event.value()).path("recoveryId").asText()).isEqualTo(id);
        });
        assertThat(new HashSet<>(events.stream().map(e -> e.headers().get("ce_id")).toList())).hasSize(events.size());
    }

    @Test
    void noTopicCarriesACodeTokenPasswordIdNumberOrCardNumber() throws Exception {
        HappyPath path = happyPath();
        Owner owner = path.owner();
        topics.awaitEvent(AuditTopics.IDENTITY, path.recovery().id(), "dev.lifeline.PasswordReset.v1");
        String linkToken = suite.mailsTo(owner.email()).stream()
                .map(mail -> Pattern.compile("[?&]t=([A-Za-z0-9_-]+)").matcher(mail)).filter(java.util.regex.Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst().orElseThrow();
        List<String> secrets = new ArrayList<>(List.of(owner.password(), path.newPassword(), path.weakPassword(),
                path.recovery().token(), linkToken, owner.idNumber()));
        secrets.addAll(owner.answers());

        List<AuditTopics.Event> dump = topics.read(AuditTopics.ALL);

        assertThat(dump).as("the topics hold this recovery's events").anyMatch(e -> e.subject().equals(path.recovery().id()));
        for (AuditTopics.Event event : dump) {
            for (String secret : secrets) {
                assertThat(event.dump()).as("%s/%d@%d %s", event.topic(), event.partition(), event.offset(), event.type())
                        .doesNotContainIgnoringCase(secret);
            }
            // Six and four digits can occur by chance inside ids and times; anywhere else they would be the secret.
            for (String text : textsBesidesIdsAndTimes(event)) {
                assertThat(text).as("%s/%d@%d %s", event.topic(), event.partition(), event.offset(), event.type())
                        .doesNotContainPattern("(?<![0-9])" + path.code() + "(?![0-9])")
                        .doesNotContainPattern("(?<![0-9])" + owner.cardLast4() + "(?![0-9])");
            }
        }
    }

    // ---- 2. Manual path ----

    @Test
    void mfaAccountWithPartialEvidenceIsResetOnlyAfterAnAgentAndASupervisorApproveItsReview() {
        Owner owner = Owner.random();
        String accountId = identity.createAccount(owner, true);
        kyc.putProfile(accountId, owner);
        StartedRecovery recovery = identity.start(owner);
        email.confirmMailedCode(recovery);

        // Questions and registration reach SUBSTANTIAL; an MFA account needs HIGH: a person decides.
        assertThat(kyc.submit(recovery, KycApi.knowledgeEvidence(owner)).expect(200, "evidence").json()
                .path("status").asText()).isEqualTo("IN_REVIEW");
        JsonNode review = kyc.awaitPendingReview(recovery, "bob-support");
        String reviewId = review.path("reviewId").asText();
        assertThat(review.path("risk").asText()).isEqualTo("HIGH");
        assertThat(review.path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(review.toString()).doesNotContain(owner.idNumber()).doesNotContain(owner.answers().get(0));

        kyc.decide(reviewId, "support-agent", "bob-support", "APPROVE", "ID card matches the video call")
                .expect(200, "the agent's approval");
        assertThat(kyc.decide(reviewId, "support-agent", "dave-support", "APPROVE", "looks fine").status())
                .as("a second agent is not a supervisor").isEqualTo(409);
        assertThat(identity.status(recovery).json().path("status").asText()).isEqualTo("AWAITING_EVIDENCE");
        assertThat(identity.resetPassword(recovery, Owner.randomPassword()).status()).isEqualTo(409);

        kyc.decide(reviewId, "support-supervisor", "carol-supervisor", "APPROVE", "second look: consistent")
                .expect(200, "the supervisor's approval");
        identity.awaitStatus(recovery, "READY");
        String newPassword = Owner.randomPassword();
        identity.resetPassword(recovery, newPassword).expect(204, "reset");
        assertThat(identity.authenticate(owner, newPassword).status()).isEqualTo(200);
    }

    // ---- 3. Failure paths: each ends in its terminal state, the participants close their work, the owner is told ----

    @Test
    void fiveWrongEmailCodesRejectTheRecoveryAndTheRightCodeNoLongerWorks() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        String code = email.awaitCode(owner, 1);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(email.confirm(recovery, wrong).status());
        }

        assertThat(answers.subList(0, 4)).containsOnly(400);
        assertThat(answers.get(4)).isIn(400, 429);
        identity.awaitStatus(recovery, "REJECTED");
        assertEmailCodeClosed(recovery, code, "dev.lifeline.RecoveryRejected.v1");
        awaitCheckClosed(recovery);
        suite.awaitMail(owner.email(), REFUSED);
    }

    @Test
    void identityRejectedAfterThreeUnmatchedSubmissionsRejectsTheRecovery() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        String code = email.awaitCode(owner, 1);

        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(kyc.submit(recovery, KycApi.wrongEvidence(owner)).expect(200, "evidence").json()
                    .path("status").asText());
        }

        assertThat(statuses).containsExactly("NOT_CONFIRMED", "NOT_CONFIRMED", "REJECTED");
        identity.awaitStatus(recovery, "REJECTED");
        assertEmailCodeClosed(recovery, code, "dev.lifeline.RecoveryRejected.v1");
        assertThat(kyc.submit(recovery, KycApi.fullEvidence(owner)).status()).isIn(404, 409);
        suite.awaitMail(owner.email(), REFUSED);
    }

    @Test
    void ownerCancelsWithTheCurrentPassword() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        String code = email.awaitCode(owner, 1);

        assertThat(identity.cancelByOwner(recovery, Owner.randomPassword()).status()).as("a wrong password")
                .isEqualTo(401);
        identity.cancelByOwner(recovery, owner.password()).expect(204, "the owner's cancel");

        identity.awaitStatus(recovery, "CANCELLED");
        assertEmailCodeClosed(recovery, code, "dev.lifeline.RecoveryCancelled.v1");
        awaitCheckClosed(recovery);
        suite.awaitMail(owner.email(), CANCELLED);
    }

    @Test
    void supportCancelsWithAReason() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        String code = email.awaitCode(owner, 1);

        identity.cancelBySupport(recovery, "bob-support", "owner called: not them").expect(204, "support's cancel");

        identity.awaitStatus(recovery, "CANCELLED");
        AuditTopics.Event cancelled = assertEmailCodeClosed(recovery, code, "dev.lifeline.RecoveryCancelled.v1");
        assertThat(cancelled.value()).contains("\"SUPPORT\"").doesNotContain("not them");
        awaitCheckClosed(recovery);
        suite.awaitMail(owner.email(), CANCELLED_BY_SUPPORT);
    }

    /** A recovery whose owner confirmed the email code and then did nothing more. */
    private record LeftOpen(Owner owner, StartedRecovery recovery, String code, Instant expiresAt) {
    }

    private static LeftOpen leaveARecoveryOpen() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        String code = email.awaitCode(owner, 1);
        Instant expiresAt = Instant.parse(identity.status(recovery).expect(200, "status").json().path("expiresAt")
                .asText());
        return new LeftOpen(owner, recovery, code, expiresAt);
    }

    /** Last, so that the wait for the deadline overlaps the other tests. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aRecoveryLeftOpenPastItsDeadlineExpiresAndEveryParticipantClosesItsWork() {
        LeftOpen open = leftOpen;
        assertThat(open.expiresAt()).isBeforeOrEqualTo(Instant.now().plus(RECOVERY_TTL));

        await("recovery " + open.recovery() + " expired").atMost(Duration.between(Instant.now(), open.expiresAt())
                        .plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> identity.status(open.recovery()).json().path("status").asText().equals("EXPIRED"));

        assertThat(Instant.now()).isAfterOrEqualTo(open.expiresAt());
        assertEmailCodeClosed(open.recovery(), open.code(), "dev.lifeline.RecoveryExpired.v1");
        awaitCheckClosed(open.recovery());
        suite.awaitMail(open.owner().email(), EXPIRED);
        assertThat(identity.resetPassword(open.recovery(), Owner.randomPassword()).status()).isNotEqualTo(204);
        assertThat(identity.authenticate(open.owner(), open.owner().password()).status()).isEqualTo(200);
    }

    // ---- 4. Recovery codes ----

    @Test
    void emailCodeAndASavedRecoveryCodeRecoverTheAccountWithoutIdentityProofing() {
        Owner owner = Owner.random();
        String accountId = identity.createAccount(owner, false);
        List<String> codes = identity.issueRecoveryCodes(accountId);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        StartedRecovery recovery = identity.start(owner);

        email.confirmMailedCode(recovery);
        identity.useRecoveryCode(recovery, codes.get(0)).expect(200, "a saved recovery code");

        JsonNode ready = identity.awaitStatus(recovery, "READY");
        assertThat(IdentityApi.texts(ready.path("satisfiedEvidence"))).contains("EMAIL", "RECOVERY_CODE")
                .doesNotContain("IDENTITY");
        String newPassword = Owner.randomPassword();
        identity.resetPassword(recovery, newPassword).expect(204, "reset");
        assertThat(identity.authenticate(owner, newPassword).status()).isEqualTo(200);
    }

    @Test
    void aRecoveryCodeUsedOnceIsRefusedInTheNextRecovery() {
        Owner owner = Owner.random();
        List<String> codes = identity.issueRecoveryCodes(identity.createAccount(owner, false));
        StartedRecovery first = identity.start(owner);
        identity.useRecoveryCode(first, codes.get(0)).expect(200, "the code, the first time");
        identity.cancelByOwner(first, owner.password()).expect(204, "the owner ends the first recovery");

        StartedRecovery next = identity.start(owner);
        Http.Answer reused = identity.useRecoveryCode(next, codes.get(0));

        assertThat(reused.status()).as("%s", reused).isEqualTo(400);
        assertThat(reused.json().path("type").asText()).endsWith("recovery-code-refused");
        assertThat(IdentityApi.texts(identity.status(next).json().path("satisfiedEvidence")))
                .doesNotContain("RECOVERY_CODE");
        // An unused code of the same set still counts: the refusal was the reuse.
        identity.useRecoveryCode(next, codes.get(1)).expect(200, "another saved code");
    }

    // ---- 5. Waiting period (LIFELINE_RECOVERY_COOLING_OFF, through the launcher's environment) ----

    @Test
    void aSubstantialConfirmationWaitsOutTheCoolingOffBeforeTheReset() {
        StartedRecovery recovery = coolingOff(Owner.random());

        JsonNode view = identity.awaitStatus(recovery, "COOLING_OFF");
        Instant resetAllowedAt = Instant.parse(view.path("resetAllowedAt").asText());
        assertThat(resetAllowedAt).isAfter(Instant.now());
        assertThat(identity.resetPassword(recovery, Owner.randomPassword()).status()).isEqualTo(409);
        assertThat(suite.awaitMail(recovery.owner().email(), APPROVED)).contains("can be reset from");

        await().atMost(COOLING_OFF.plusSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> identity.status(recovery).json().path("status").asText().equals("READY"));
        assertThat(Instant.now()).isAfterOrEqualTo(resetAllowedAt);
        String newPassword = Owner.randomPassword();
        identity.resetPassword(recovery, newPassword).expect(204, "reset after the cooling-off");
        assertThat(identity.authenticate(recovery.owner(), newPassword).status()).isEqualTo(200);
    }

    @Test
    void ownerCancelsInsideTheCoolingOff() {
        StartedRecovery recovery = coolingOff(Owner.random());
        identity.awaitStatus(recovery, "COOLING_OFF");

        identity.cancelByOwner(recovery, recovery.owner().password()).expect(204, "the owner's cancel");

        identity.awaitStatus(recovery, "CANCELLED");
        assertThat(identity.resetPassword(recovery, Owner.randomPassword()).status()).isEqualTo(409);
        suite.awaitMail(recovery.owner().email(), CANCELLED);
        assertThat(identity.authenticate(recovery.owner(), recovery.owner().password()).status()).isEqualTo(200);
    }

    /** A recovery whose identity was confirmed by an automated match at SUBSTANTIAL: approved behind a cooling-off. */
    private static StartedRecovery coolingOff(Owner owner) {
        kyc.putProfile(identity.createAccount(owner, false), owner);
        StartedRecovery recovery = identity.start(owner);
        email.confirmMailedCode(recovery);
        assertThat(kyc.submit(recovery, KycApi.knowledgeEvidence(owner)).expect(200, "evidence").json()
                .path("status").asText()).isEqualTo("CONFIRMED");
        return recovery;
    }

    // ---- helpers ----

    /**
     * The right code is refused once email-verification-service has processed the recovery's terminal event: waiting
     * for its consumer group to pass that event first, so a code tried earlier cannot verify and hide the bug.
     */
    private static AuditTopics.Event assertEmailCodeClosed(StartedRecovery recovery, String code, String terminalType) {
        AuditTopics.Event terminal = topics.awaitEvent(AuditTopics.IDENTITY, recovery.id(), terminalType);
        topics.awaitConsumed(EMAIL_VERIFICATION_GROUP, terminal);
        assertThat(email.confirm(recovery, code).status()).as("the right code after %s", terminalType).isEqualTo(400);
        return terminal;
    }

    /** kyc-service's check of an ended recovery answers like one nobody can open. */
    private static void awaitCheckClosed(StartedRecovery recovery) {
        await("identity check of " + recovery + " closed").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> kyc.check(recovery).status() == 404);
    }

    /** Header values, key and the value's JSON leaves, less those that are ids or times. */
    private static List<String> textsBesidesIdsAndTimes(AuditTopics.Event event) throws Exception {
        List<String> texts = new ArrayList<>();
        texts.add(event.key() == null ? "" : event.key());
        event.headers().forEach((name, value) -> texts.add(name + "=" + value));
        if (event.value() != null) {
            collectLeaves(Http.JSON.readTree(event.value()), texts);
        }
        return texts.stream().filter(text -> !isIdOrTime(text.contains("=") ? text.substring(text.indexOf('=') + 1)
                : text)).toList();
    }

    private static void collectLeaves(JsonNode node, List<String> into) {
        if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                collectLeaves(fields.next().getValue(), into);
            }
            if (node.isArray()) {
                node.forEach(element -> collectLeaves(element, into));
            }
        } else {
            into.add(node.asText());
        }
    }

    private static boolean isIdOrTime(String text) {
        return text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                || text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+)")
                || text.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"); // traceparent
    }
}
