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
import dev.lifeline.events.Topics;
import dev.lifeline.events.messaging.KafkaTestClient;
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

import static dev.lifeline.events.messaging.KafkaTestClient.header;
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
    void repeatedEmailVerificationApprovesOnce() {
        Recovery recovery = saga.start(Duration.ofHours(1));
        EmailVerified verified = emailVerified(recovery);

        send(verified);
        send(identityConfirmed(recovery, Assurance.HIGH));
        send(verified);
        send(emailVerified(recovery));
        // A later event of the same recovery: once it is on the topic, every approval would be there too.
        send(identityRejected(recovery));

        List<ConsumerRecord<String, String>> published = kafka.readUntil(Topics.IDENTITY,
                record -> isOf(record, recovery, EventType.RECOVERY_REJECTED));
        assertThat(published).filteredOn(record -> isOf(record, recovery, EventType.RECOVERY_APPROVED)).hasSize(1);
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

    private static boolean isOf(ConsumerRecord<String, String> record, Recovery recovery, EventType type) {
        return recovery.id().toString().equals(record.key()) && type.ceType().equals(header(record, CloudEventHeaders.TYPE));
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
