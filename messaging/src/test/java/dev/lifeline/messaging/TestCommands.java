package dev.lifeline.messaging;

import dev.lifeline.events.LifelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** State changes with their events, committed or rolled back, as a service's use case would make them. */
@ApplicationScoped
public class TestCommands {

    private final Outbox outbox;
    private final EntityManager entityManager;

    TestCommands(Outbox outbox, EntityManager entityManager) {
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    @Transactional
    void commit(LifelineEvent event) {
        changeState(event);
        outbox.publish(event);
    }

    @Transactional
    void failAfterPublishing(LifelineEvent event) {
        changeState(event);
        outbox.publish(event);
        throw new IllegalStateException("the use case fails after publishing");
    }

    @Transactional
    boolean stateExists(LifelineEvent event) {
        return !entityManager.createNativeQuery("SELECT 1 FROM test_state WHERE recovery_id = :id")
                .setParameter("id", event.subject())
                .getResultList().isEmpty();
    }

    @Transactional
    boolean outboxHolds(LifelineEvent event) {
        return OutboxMessage.findByIdOptional(event.eventId()).isPresent();
    }

    /** Whether the relay has published the event's row (and committed that). */
    @Transactional
    boolean isSent(LifelineEvent event) {
        return OutboxMessage.<OutboxMessage>findById(event.eventId()).sentAt != null;
    }

    /** Writes an outbox row the way a crashed instance leaves it: committed, with nobody told to publish it. */
    @Transactional
    void leaveUnsent(LifelineEvent event) {
        OutboxMessage.of(event, null).persist();
    }

    /** Writes a committed row whose record is larger than the producer's max.request.size (1 MiB by default). */
    @Transactional
    void leaveOversized(LifelineEvent event) {
        OutboxMessage message = OutboxMessage.of(event, null);
        message.payload = "{\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
        message.persist();
    }

    /** The row's park reason, or empty while it is not parked. */
    @Transactional
    Optional<String> parkReason(LifelineEvent event) {
        OutboxMessage message = OutboxMessage.findById(event.eventId());
        return message.parkedAt == null ? Optional.empty() : Optional.of(message.parkReason);
    }

    private void changeState(LifelineEvent event) {
        entityManager.createNativeQuery("INSERT INTO test_state (recovery_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", event.subject())
                .executeUpdate();
    }
}
