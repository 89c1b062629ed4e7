package dev.lifeline.messaging;

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

import static dev.lifeline.messaging.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;

/**
 * What the service under test published about a recovery or an account: the events it decided on (its outbox, where
 * "exactly once" is decided) and the records that reached the real topic of their type.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** The events of {@code type} about {@code subject} (a recovery, or an account) in the outbox, in order. */
    public static List<LifelineEvent> decided(UUID subject, EventType type) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> payloads = CDI.current().select(EntityManager.class).get().createNativeQuery(
                            "SELECT payload FROM outbox_message WHERE subject = :subject AND type = :type ORDER BY position")
                    .setParameter("subject", subject.toString())
                    .setParameter("type", type.ceType())
                    .getResultList();
            return payloads.stream().map(json -> EventJson.read(type, json)).toList();
        });
    }

    /** Every event the service decided on about {@code subject}, of any type. */
    public static List<String> decidedTypes(UUID subject) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> types = CDI.current().select(EntityManager.class).get().createNativeQuery(
                            "SELECT type FROM outbox_message WHERE subject = :subject ORDER BY position")
                    .setParameter("subject", subject.toString())
                    .getResultList();
            return types;
        });
    }

    /** Waits until exactly one event of {@code type} was decided about {@code subject} and returns it. */
    public static LifelineEvent awaitOne(UUID subject, EventType type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !decided(subject, type).isEmpty());
        List<LifelineEvent> events = decided(subject, type);
        if (events.size() != 1) {
            throw new AssertionError("expected one " + type.eventName() + ", found " + events.size());
        }
        return events.get(0);
    }

    /** The first record of {@code type} about {@code subject} on its topic; fails if none arrives within 30 s. */
    public static ConsumerRecord<String, String> onTopic(UUID subject, EventType type) {
        var read = KafkaTestClient.forApplication().readUntil(type.topic(), record ->
                subject.toString().equals(header(record, CloudEventHeaders.SUBJECT))
                        && type.ceType().equals(header(record, CloudEventHeaders.TYPE)));
        return read.get(read.size() - 1);
    }
}
