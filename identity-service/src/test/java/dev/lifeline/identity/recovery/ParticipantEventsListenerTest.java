package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.ParticipantEvents;
import dev.lifeline.identity.testing.TestRecoveries;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IdentityTest
class ParticipantEventsListenerTest {

    @Inject
    SagaTestRecoveries saga;

    @Inject
    TestRecoveries recoveries;

    @Test
    void verifiedEmailAndHighAssuranceIdentityMakeTheRecoveryReadyAtOnce() {
        Recovery recovery = saga.start(Duration.ofHours(1));

        send(emailVerified(recovery));
        send(identityConfirmed(recovery, Assurance.HIGH));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(recovery) == RecoveryStatus.READY);
    }

    @Test
    void approvalIsPublishedAsASchemaValidRecoveryApproved() {
        Recovery recovery = saga.start(Duration.ofHours(1));

        send(emailVerified(recovery));
        send(identityConfirmed(recovery, Assurance.SUBSTANTIAL));

        ConsumerRecord<String, String> approved = IdentityTopic.eventOf(recovery.id(), EventType.RECOVERY_APPROVED);
        EventSchemas.assertValid(EventType.RECOVERY_APPROVED, approved.value());
        assertThat(approved.key()).isEqualTo(recovery.id().toString());
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.COOLING_OFF);
    }

    @Test
    void rejectedIdentityRejectsTheRecovery() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        IdentityRejected rejected = identityRejected(recovery);

        send(rejected);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(recovery.id(), EventType.RECOVERY_REJECTED);
        EventSchemas.assertValid(EventType.RECOVERY_REJECTED, record.value());
        assertThat(record.value()).contains(rejected.eventId().toString());
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.REJECTED);
    }

    @Test
    void aRedeliveredEventIsNotAppliedAgainEvenWhereItWouldNowChangeSomething() {
        // Within one recovery the state machine makes every reply idempotent, so a redelivery can only show the
        // inbox at work where the first delivery changed nothing and a second would: the event arrives before its
        // recovery exists (it is ignored, and its ce_id recorded), then the recovery appears, then the very same
        // record comes again. Without the inbox that redelivery would reject the recovery.
        UUID recoveryId = UUID.randomUUID();
        UUID accountId = UUID.randomUUID();
        IdentityRejected early = new IdentityRejected(UUID.randomUUID(), recoveryId, accountId, Instant.now(),
                IdentityCheckMethod.MANUAL, "document does not match");
        try (LogLines audit = LogLines.audit()) {
            send(early);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !audit.containing(early.eventId().toString(), "reason=NO_SUCH_RECOVERY").isEmpty());
        }
        Recovery recovery = saga.start(recoveryId, accountId, Duration.ofHours(1));

        send(early);
        IdentityRejected later = identityRejected(recovery);
        send(later);

        ConsumerRecord<String, String> rejected = IdentityTopic.eventOf(recovery.id(), EventType.RECOVERY_REJECTED);
        assertThat(rejected.value()).as("rejected by the later event, not by the redelivery")
                .contains(later.eventId().toString()).doesNotContain(early.eventId().toString());
    }

    @Test
    void anEventTheRecoveryRefusesIsAuditedAsRefusedWithTheReason() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        send(identityRejected(recovery));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(recovery) == RecoveryStatus.REJECTED);
        EmailVerified late = emailVerified(recovery);

        try (LogLines audit = LogLines.audit()) {
            send(late);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(audit.containing(late.eventId().toString()))
                            .singleElement().satisfies(line -> assertThat(line).contains("who=system",
                                    "what=recovery.participant-event", "outcome=refused", "reason=REJECTED",
                                    "recovery=" + recovery.id())));
        }
    }

    @Test
    void anIdentityConfirmationBelowTheRequiredAssuranceIsRefusedWithTheReason() {
        Recovery recovery = saga.start(SagaTestRecoveries.IDENTITY_AT_HIGH, Duration.ofHours(1));
        IdentityConfirmed weak = identityConfirmed(recovery, Assurance.SUBSTANTIAL);

        try (LogLines audit = LogLines.audit()) {
            send(weak);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(audit.containing(weak.eventId().toString()))
                            .singleElement().satisfies(line -> assertThat(line)
                                    .contains("outcome=refused", "reason=ASSURANCE_TOO_LOW")));
        }
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    @Test
    void aTransitionDrivenByAParticipantIsAuditedAsTheSystemsNeverTheOwners() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        IdentityRejected rejected = identityRejected(recovery);

        try (LogLines audit = LogLines.audit()) {
            send(rejected);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(audit.containing(rejected.eventId().toString()))
                            .singleElement().satisfies(line -> assertThat(line).contains("who=system",
                                    "outcome=changed", "produced=RecoveryRejected")
                                    .doesNotContain("who=" + recovery.accountId())));
        }
    }

    @Test
    void anExpiredEmailCodeIsAuditedAndLeavesTheRecoveryAwaitingEvidence() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        EmailVerificationFailed expired = emailVerificationFailed(recovery, EmailVerificationFailure.EXPIRED);

        try (LogLines audit = LogLines.audit()) {
            send(expired);

            assertThat(auditLineOf(audit, expired)).contains("who=system", "outcome=refused",
                    "reason=CODE_EXPIRY_IS_NOT_FINAL", "recovery=" + recovery.id());
        }
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
        assertThat(recoveries.outboxRowsOf(recovery.id())).as("RecoveryRequested only").isEqualTo(1);
    }

    @Test
    void aRecoveryWhoseEmailCodeExpiredIsStillApprovedByTheEmailVerifiedAfterwards() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        send(emailVerificationFailed(recovery, EmailVerificationFailure.EXPIRED));

        send(emailVerified(recovery));
        send(identityConfirmed(recovery, Assurance.HIGH));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(recovery) == RecoveryStatus.READY);
    }

    @Test
    void exhaustedEmailAttemptsRejectTheRecovery() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        EmailVerificationFailed exhausted =
                emailVerificationFailed(recovery, EmailVerificationFailure.TOO_MANY_ATTEMPTS);

        send(exhausted);

        ConsumerRecord<String, String> record = IdentityTopic.eventOf(recovery.id(), EventType.RECOVERY_REJECTED);
        assertThat(record.value()).contains(exhausted.eventId().toString());
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.REJECTED);
    }

    @Test
    void aDecoysExhaustedEmailChallengeRejectsTheDecoyAuditedBySystemAndPublishesNothing() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        DecoyEmailVerificationFailed exhausted =
                decoyEmailVerificationFailed(decoy.id(), EmailVerificationFailure.TOO_MANY_ATTEMPTS);

        try (LogLines audit = LogLines.audit()) {
            send(exhausted);

            assertThat(auditLineOf(audit, exhausted)).contains("who=system", "what=recovery.participant-event",
                    "outcome=changed", "decoy=" + decoy.id(), "status=REJECTED");
        }
        assertThat(status(decoy)).isEqualTo(RecoveryStatus.REJECTED);
        assertThat(recoveries.outboxRowsOf(decoy.id())).as("RecoveryDecoyStarted only").isEqualTo(1);
    }

    @Test
    void anExpiredEmailCodeOfADecoyLeavesItAwaitingEvidence() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        DecoyEmailVerificationFailed expired =
                decoyEmailVerificationFailed(decoy.id(), EmailVerificationFailure.EXPIRED);

        try (LogLines audit = LogLines.audit()) {
            send(expired);

            assertThat(auditLineOf(audit, expired)).contains("outcome=refused", "reason=CODE_EXPIRY_IS_NOT_FINAL",
                    "decoy=" + decoy.id());
        }
        assertThat(status(decoy)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    @Test
    void aRedeliveredDecoyEmailFailureChangesNothingFurther() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        DecoyEmailVerificationFailed exhausted =
                decoyEmailVerificationFailed(decoy.id(), EmailVerificationFailure.TOO_MANY_ATTEMPTS);
        send(exhausted);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(decoy) == RecoveryStatus.REJECTED);
        Instant rejectedAt = saga.decoy(decoy.id()).rejectedAt().orElseThrow();
        // Same key, same partition: once the later event's line is written, the redelivery has been consumed.
        DecoyEmailVerificationFailed later =
                decoyEmailVerificationFailed(decoy.id(), EmailVerificationFailure.TOO_MANY_ATTEMPTS);

        try (LogLines audit = LogLines.audit()) {
            send(exhausted);
            send(later);

            assertThat(auditLineOf(audit, later)).contains("outcome=refused", "reason=REJECTED");
            assertThat(audit.containing(exhausted.eventId().toString())).as("skipped by the inbox").isEmpty();
        }
        assertThat(saga.decoy(decoy.id()).rejectedAt()).contains(rejectedAt);
    }

    @Test
    void aDecoyEmailFailureNamingARealRecoveryLeavesTheRecoveryAlone() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        DecoyEmailVerificationFailed misrouted =
                decoyEmailVerificationFailed(recovery.id(), EmailVerificationFailure.TOO_MANY_ATTEMPTS);

        try (LogLines audit = LogLines.audit()) {
            send(misrouted);

            assertThat(auditLineOf(audit, misrouted)).contains("outcome=refused", "reason=NO_SUCH_DECOY");
        }
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    @Test
    void anEmailFailureNamingADecoyFindsNoRecoveryAndLeavesTheDecoyAlone() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        EmailVerificationFailed misrouted = new EmailVerificationFailed(UUID.randomUUID(), decoy.id(),
                UUID.randomUUID(), Instant.now(), EmailVerificationFailure.TOO_MANY_ATTEMPTS);

        try (LogLines audit = LogLines.audit()) {
            send(misrouted);

            assertThat(auditLineOf(audit, misrouted)).contains("outcome=refused", "reason=NO_SUCH_RECOVERY");
        }
        assertThat(status(decoy)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    @Test
    void aDecoysExhaustedIdentityCheckRejectsTheDecoyAuditedBySystemAndPublishesNothing() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        DecoyIdentityRejected rejected = decoyIdentityRejected(decoy.id());

        try (LogLines audit = LogLines.audit()) {
            send(rejected);

            assertThat(auditLineOf(audit, rejected)).contains("who=system", "what=recovery.participant-event",
                    "from=topic:lifeline.kyc.v1", "outcome=changed", "decoy=" + decoy.id(), "status=REJECTED");
        }
        assertThat(status(decoy)).isEqualTo(RecoveryStatus.REJECTED);
        assertThat(recoveries.outboxRowsOf(decoy.id())).as("RecoveryDecoyStarted only").isEqualTo(1);
    }

    @Test
    void aRedeliveredDecoyIdentityRejectionChangesNothingFurther() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        DecoyIdentityRejected rejected = decoyIdentityRejected(decoy.id());
        send(rejected);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(decoy) == RecoveryStatus.REJECTED);
        Instant rejectedAt = saga.decoy(decoy.id()).rejectedAt().orElseThrow();
        // Same key, same partition: once the later event's line is written, the redelivery has been consumed.
        DecoyIdentityRejected later = decoyIdentityRejected(decoy.id());

        try (LogLines audit = LogLines.audit()) {
            send(rejected);
            send(later);

            assertThat(auditLineOf(audit, later)).contains("outcome=refused", "reason=REJECTED");
            assertThat(audit.containing(rejected.eventId().toString())).as("skipped by the inbox").isEmpty();
        }
        assertThat(saga.decoy(decoy.id()).rejectedAt()).contains(rejectedAt);
    }

    @Test
    void aDecoyIdentityRejectionNamingARealRecoveryLeavesTheRecoveryAlone() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        DecoyIdentityRejected misrouted = decoyIdentityRejected(recovery.id());

        try (LogLines audit = LogLines.audit()) {
            send(misrouted);

            assertThat(auditLineOf(audit, misrouted)).contains("outcome=refused", "reason=NO_SUCH_DECOY");
        }
        assertThat(status(recovery)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    @Test
    void anIdentityRejectionNamingADecoyFindsNoRecoveryAndLeavesTheDecoyAlone() {
        DecoyRecovery decoy = saga.startDecoy(Duration.ofHours(1));
        IdentityRejected misrouted = new IdentityRejected(UUID.randomUUID(), decoy.id(), UUID.randomUUID(),
                Instant.now(), IdentityCheckMethod.AUTOMATED, "attempts exhausted");

        try (LogLines audit = LogLines.audit()) {
            send(misrouted);

            assertThat(auditLineOf(audit, misrouted)).contains("outcome=refused", "reason=NO_SUCH_RECOVERY");
        }
        assertThat(status(decoy)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
    }

    private RecoveryStatus status(Recovery recovery) {
        return recoveries.find(recovery.id()).status(Instant.now());
    }

    private RecoveryStatus status(DecoyRecovery decoy) {
        return saga.decoy(decoy.id()).status(Instant.now());
    }

    private static void send(LifelineEvent event) {
        ParticipantEvents.send(event);
    }

    /** Waits for the audit line of {@code event}, which also means the inbox has processed everything before it. */
    private static String auditLineOf(LogLines audit, LifelineEvent event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit.containing(event.eventId().toString()).isEmpty());
        return audit.containing(event.eventId().toString()).get(0);
    }

    private static EmailVerificationFailed emailVerificationFailed(Recovery recovery, EmailVerificationFailure reason) {
        return new EmailVerificationFailed(UUID.randomUUID(), recovery.id(), recovery.accountId(), Instant.now(),
                reason);
    }

    private static DecoyEmailVerificationFailed decoyEmailVerificationFailed(UUID decoyId,
                                                                             EmailVerificationFailure reason) {
        return new DecoyEmailVerificationFailed(UUID.randomUUID(), decoyId, Instant.now(), reason);
    }

    private static DecoyIdentityRejected decoyIdentityRejected(UUID decoyId) {
        return new DecoyIdentityRejected(UUID.randomUUID(), decoyId, Instant.now(), IdentityCheckMethod.AUTOMATED,
                "attempts exhausted");
    }

    private static EmailVerified emailVerified(Recovery recovery) {
        return new EmailVerified(UUID.randomUUID(), recovery.id(), recovery.accountId(), Instant.now(),
                EmailVerificationMethod.CODE);
    }

    private static IdentityConfirmed identityConfirmed(Recovery recovery, Assurance assurance) {
        return new IdentityConfirmed(UUID.randomUUID(), recovery.id(), recovery.accountId(), Instant.now(),
                IdentityCheckMethod.AUTOMATED, assurance, List.of());
    }

    private static IdentityRejected identityRejected(Recovery recovery) {
        return new IdentityRejected(UUID.randomUUID(), recovery.id(), recovery.accountId(), Instant.now(),
                IdentityCheckMethod.MANUAL, "document does not match");
    }
}
