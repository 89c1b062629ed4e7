package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.RecoveryExpired;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.lifeline.messaging.KafkaTestClient.header;
import static dev.lifeline.messaging.OutboxTest.expired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A row the broker refuses (here: larger than the producer's max.request.size) against a real broker. */
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class OutboxParkingTest {

    private static final String TOPIC = EventType.RECOVERY_EXPIRED.topic();

    @Inject
    TestCommands commands;

    @Inject
    @Wellness
    OutboxHealthCheck health;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

    @Test
    void eventsAfterARowTheBrokerCannotTakeArePublishedInOrderAndTheRowIsParked() {
        UUID recoveryId = UUID.randomUUID();
        RecoveryExpired oversized = expired(recoveryId);
        RecoveryExpired sameRecoveryAfter = expired(recoveryId);
        RecoveryExpired firstOfAnother = expired(UUID.randomUUID());
        RecoveryExpired secondOfAnother = expired(firstOfAnother.recoveryId());

        commands.leaveOversized(oversized);
        commands.commit(sameRecoveryAfter);
        commands.commit(firstOfAnother);
        commands.commit(secondOfAnother);

        // One key, one partition: had the oversized record been published, it would precede the later event.
        assertThat(recordsUpTo(sameRecoveryAfter)).noneMatch(record -> isEvent(record, oversized));
        assertThat(recordsUpTo(secondOfAnother).stream()
                .filter(record -> record.key().equals(firstOfAnother.recoveryId().toString()))
                .map(record -> header(record, CloudEventHeaders.ID)))
                .containsExactly(firstOfAnother.eventId().toString(), secondOfAnother.eventId().toString());
        assertThat(commands.parkReason(oversized)).hasValueSatisfying(reason ->
                assertThat(reason).contains("RecordTooLargeException"));
    }

    @Test
    void parkedRowTurnsTheOutboxWellnessCheckDown() {
        RecoveryExpired oversized = expired(UUID.randomUUID());

        commands.leaveOversized(oversized);
        commands.commit(expired(UUID.randomUUID())); // wakes the relay

        await().atMost(Duration.ofSeconds(30)).until(() -> commands.parkReason(oversized).isPresent());
        HealthCheckResponse response = ((HealthCheck) health).call();
        assertThat(response.getName()).isEqualTo("lifeline-outbox");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> {
            assertThat((Long) data.get("parked")).isPositive();
            assertThat(data).containsKeys("oldestParkedEventId", "oldestParkedType", "oldestParkedReason");
        });
    }

    private List<ConsumerRecord<String, String>> recordsUpTo(RecoveryExpired last) {
        return kafka.readUntil(TOPIC, record -> isEvent(record, last));
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, RecoveryExpired event) {
        return event.eventId().toString().equals(header(record, CloudEventHeaders.ID));
    }
}
