package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.KafkaTestClient;
import dev.lifeline.identity.testing.AuditLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestRecoveries;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IdentityTest
class ParticipantEventsListenerTest {

    @Inject
    SagaTestRecoveries saga;

    @Inject
    TestRecoveries recoveries;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

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
        try (AuditLines audit = AuditLines.listen()) {
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

        try (AuditLines audit = AuditLines.listen()) {
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

        try (AuditLines audit = AuditLines.listen()) {
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

        try (AuditLines audit = AuditLines.listen()) {
            send(rejected);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(audit.containing(rejected.eventId().toString()))
                            .singleElement().satisfies(line -> assertThat(line).contains("who=system",
                                    "outcome=changed", "produced=RecoveryRejected")
                                    .doesNotContain("who=" + recovery.accountId())));
        }
    }

    private RecoveryStatus status(Recovery recovery) {
        return recoveries.find(recovery.id()).status(Instant.now());
    }

    private void send(LifelineEvent event) {
        kafka.send(event.type().topic(), event.recoveryId().toString(), Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, event.eventId().toString(),
                CloudEventHeaders.TYPE, event.type().ceType(),
                CloudEventHeaders.SOURCE, event.type().source(),
                CloudEventHeaders.SUBJECT, event.recoveryId().toString()), EventJson.write(event));
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
