package dev.lifeline.events.messaging;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.lifeline.events.messaging.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;

/**
 * What the service under test published for a recovery: the events it decided on (its outbox, where "exactly once"
 * is decided) and the records that reached the real topic of their type.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** The recovery's events of {@code type} in the outbox, in order. */
    public static List<LifelineEvent> decided(UUID recoveryId, EventType type) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> payloads = CDI.current().select(EntityManager.class).get().createNativeQuery(
                            "SELECT payload FROM outbox_message WHERE subject = :subject AND type = :type ORDER BY position")
                    .setParameter("subject", recoveryId.toString())
                    .setParameter("type", type.ceType())
                    .getResultList();
            return payloads.stream().map(json -> EventJson.read(type, json)).toList();
        });
    }

    /** Every event the service decided on for the recovery, of any type. */
    public static List<String> decidedTypes(UUID recoveryId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> types = CDI.current().select(EntityManager.class).get().createNativeQuery(
                            "SELECT type FROM outbox_message WHERE subject = :subject ORDER BY position")
                    .setParameter("subject", recoveryId.toString())
                    .getResultList();
            return types;
        });
    }

    /** Waits until exactly one event of {@code type} was decided for the recovery and returns it. */
    public static LifelineEvent awaitOne(UUID recoveryId, EventType type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !decided(recoveryId, type).isEmpty());
        List<LifelineEvent> events = decided(recoveryId, type);
        if (events.size() != 1) {
            throw new AssertionError("expected one " + type.eventName() + ", found " + events.size());
        }
        return events.get(0);
    }

    /** The first record of {@code type} for the recovery on its topic; fails if none arrives within 30 s. */
    public static ConsumerRecord<String, String> onTopic(UUID recoveryId, EventType type) {
        var read = KafkaTestClient.forApplication().readUntil(type.topic(), record ->
                recoveryId.toString().equals(header(record, CloudEventHeaders.SUBJECT))
                        && type.ceType().equals(header(record, CloudEventHeaders.TYPE)));
        return read.get(read.size() - 1);
    }
}
