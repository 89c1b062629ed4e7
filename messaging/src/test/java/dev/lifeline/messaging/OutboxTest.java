package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.RecoveryExpired;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.lifeline.messaging.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class OutboxTest {

    private static final String TOPIC = EventType.RECOVERY_EXPIRED.topic();

    @Inject
    TestCommands commands;

    @Inject
    AgroalDataSource dataSource;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

    @Test
    void committedTransactionPublishesExactlyOneRecord() {
        UUID recoveryId = UUID.randomUUID();
        RecoveryExpired event = expired(recoveryId);
        RecoveryExpired marker = expired(recoveryId);

        commands.commit(event);
        commands.commit(marker);

        assertThat(recordsUpTo(marker)).filteredOn(record -> isEvent(record, event)).hasSize(1);
    }

    @Test
    void publishedRecordIsACloudEventKeyedByTheRecovery() {
        RecoveryExpired event = expired(UUID.randomUUID());

        commands.commit(event);

        // The event's own record, found by its id: reads of several partitions need not list records in one order.
        ConsumerRecord<String, String> record = recordsUpTo(event).stream()
                .filter(candidate -> isEvent(candidate, event)).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(event.recoveryId().toString());
        assertThat(record.value()).isEqualTo(EventJson.write(event));
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.lifeline.RecoveryExpired.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/lifeline/identity-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(event.recoveryId().toString());
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.occurredAt());
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, CloudEventHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        // Exactly the binding's headers (binary mode carries datacontenttype in content-type only), each once.
        assertThat(record.headers()).extracting(Header::key).containsExactlyInAnyOrder(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE,
                CloudEventHeaders.TRACEPARENT);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        UUID recoveryId = UUID.randomUUID();
        RecoveryExpired rolledBack = expired(recoveryId);
        RecoveryExpired marker = expired(UUID.randomUUID());

        assertThatThrownBy(() -> commands.failAfterPublishing(rolledBack)).isInstanceOf(IllegalStateException.class);
        commands.commit(marker);

        // The relay publishes in commit order, so once the later marker is on the topic the rolled-back event
        // would have been there too.
        assertThat(recordsUpTo(marker)).noneMatch(record -> isEvent(record, rolledBack));
        assertThat(commands.outboxHolds(rolledBack)).isFalse();
        assertThat(commands.stateExists(rolledBack)).isFalse();
    }

    @Test
    void eventsOfOneRecoveryArriveInCommitOrder() {
        UUID recoveryId = UUID.randomUUID();
        List<RecoveryExpired> events = IntStream.range(0, 25).mapToObj(i -> expired(recoveryId)).toList();

        events.forEach(commands::commit);

        List<String> published = recordsUpTo(events.get(events.size() - 1)).stream()
                .filter(record -> record.key().equals(recoveryId.toString()))
                .map(record -> header(record, CloudEventHeaders.ID))
                .toList();
        assertThat(published).containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void rowLeftUnsentByACrashIsPublishedWithoutAWakeUp() {
        RecoveryExpired left = expired(UUID.randomUUID());

        commands.leaveUnsent(left);

        assertThat(recordsUpTo(left)).filteredOn(record -> isEvent(record, left)).hasSize(1);
    }

    @Test
    void rowCommittedWhileAnotherInstancePublishesGoesOutAsSoonAsItIsDoneNotAtTheNextPoll() throws Exception {
        RecoveryExpired event = expired(UUID.randomUUID());
        try (Connection otherInstance = dataSource.getConnection(); Statement sql = otherInstance.createStatement()) {
            // Another instance's relay holds the lock, as it does during its batch, when our commit wakes ours.
            sql.execute("SELECT pg_advisory_lock(" + OutboxPublisher.RELAY_LOCK + ")");
            commands.commit(event);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !commands.isSent(event));
            sql.execute("SELECT pg_advisory_unlock(" + OutboxPublisher.RELAY_LOCK + ")");
        }

        // The relay polls every 2 s here; it looks again right after the other instance is done.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> commands.isSent(event));
        assertThat(recordsUpTo(event)).filteredOn(record -> isEvent(record, event)).hasSize(1);
    }

    @Test
    void theRelayRefusesToCallTheBrokerInsideATransaction() {
        OutboxPublisher publisher = io.quarkus.arc.Arc.container().instance(OutboxPublisher.class).get();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(publisher::publishBatch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        Outbox outbox = io.quarkus.arc.Arc.container().instance(Outbox.class).get();

        assertThatThrownBy(() -> outbox.publish(expired(UUID.randomUUID()))).isInstanceOf(TransactionalException.class);
    }

    private List<ConsumerRecord<String, String>> recordsUpTo(RecoveryExpired last) {
        return kafka.readUntil(TOPIC, record -> isEvent(record, last));
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, RecoveryExpired event) {
        return event.eventId().toString().equals(header(record, CloudEventHeaders.ID));
    }

    static RecoveryExpired expired(UUID recoveryId) {
        return new RecoveryExpired(UUID.randomUUID(), recoveryId, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
