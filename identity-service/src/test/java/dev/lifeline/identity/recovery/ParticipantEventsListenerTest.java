package dev.lifeline.identity.recovery;

import dev.lifeline.deploy.testing.LocalInfrastructure;
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
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "identity"))
class ParticipantEventsListenerTest {

    @Inject
    SagaTestRecoveries recoveries;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

    @Test
    void verifiedEmailAndHighAssuranceIdentityMakeTheRecoveryReadyAtOnce() {
        Recovery recovery = recoveries.start(Duration.ofHours(1));

        send(emailVerified(recovery));
        send(identityConfirmed(recovery, Assurance.HIGH));

        await().atMost(Duration.ofSeconds(30)).until(() -> recoveries.status(recovery.id()) == RecoveryStatus.READY);
    }

    @Test
    void approvalIsPublishedAsASchemaValidRecoveryApproved() {
        Recovery recovery = recoveries.start(Duration.ofHours(1));

        send(emailVerified(recovery));
        send(identityConfirmed(recovery, Assurance.SUBSTANTIAL));

        ConsumerRecord<String, String> approved = lastOf(recovery, EventType.RECOVERY_APPROVED);
        EventSchemas.assertValid(EventType.RECOVERY_APPROVED, approved.value());
        assertThat(approved.key()).isEqualTo(recovery.id().toString());
        assertThat(recoveries.status(recovery.id())).isEqualTo(RecoveryStatus.COOLING_OFF);
    }

    @Test
    void rejectedIdentityRejectsTheRecovery() {
        Recovery recovery = recoveries.start(Duration.ofHours(1));
        IdentityRejected rejected = new IdentityRejected(UUID.randomUUID(), recovery.id(), recovery.accountId(),
                Instant.now(), IdentityCheckMethod.MANUAL, "document does not match");

        send(rejected);

        ConsumerRecord<String, String> record = lastOf(recovery, EventType.RECOVERY_REJECTED);
        EventSchemas.assertValid(EventType.RECOVERY_REJECTED, record.value());
        assertThat(record.value()).contains(rejected.eventId().toString());
        assertThat(recoveries.status(recovery.id())).isEqualTo(RecoveryStatus.REJECTED);
    }

    @Test
    void redeliveredEmailVerificationIsAppliedOnce() {
        Recovery recovery = recoveries.start(Duration.ofHours(1));
        EmailVerified verified = emailVerified(recovery);

        send(verified);
        send(verified);
        send(identityConfirmed(recovery, Assurance.HIGH));

        lastOf(recovery, EventType.RECOVERY_APPROVED);
        List<ConsumerRecord<String, String>> approvals = kafka.readUntil(EventType.RECOVERY_APPROVED.topic(),
                        record -> isOf(record, recovery, EventType.RECOVERY_APPROVED)).stream()
                .filter(record -> isOf(record, recovery, EventType.RECOVERY_APPROVED))
                .toList();
        assertThat(approvals).hasSize(1);
    }

    private void send(LifelineEvent event) {
        kafka.send(event.type().topic(), event.recoveryId().toString(), Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, event.eventId().toString(),
                CloudEventHeaders.TYPE, event.type().ceType(),
                CloudEventHeaders.SOURCE, event.type().source(),
                CloudEventHeaders.SUBJECT, event.recoveryId().toString()), EventJson.write(event));
    }

    private ConsumerRecord<String, String> lastOf(Recovery recovery, EventType type) {
        List<ConsumerRecord<String, String>> records =
                kafka.readUntil(type.topic(), record -> isOf(record, recovery, type));
        return records.get(records.size() - 1);
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
}
