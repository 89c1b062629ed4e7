package dev.lifeline.messaging;

import dev.lifeline.events.LifelineEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The test application's listener and its observable effect, shaped like a service's listener: thin. */
@ApplicationScoped
public class TestEffects {

    private final Inbox inbox;
    private final EntityManager entityManager;
    private final Map<UUID, Failures> failuresToInject = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    TestEffects(Inbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @Incoming("messaging-test")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    private void apply(LifelineEvent event) {
        attempts.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id) VALUES (:id)")
                .setParameter("id", event.eventId())
                .executeUpdate();
        Failures failures = failuresToInject.get(event.eventId());
        if (failures != null && failures.remaining.getAndDecrement() > 0) {
            throw failures.failure.get();
        }
    }

    /** The next {@code times} attempts fail after writing their effect (which rolls back), as a lost lock race does. */
    void failTransiently(UUID eventId, int times) {
        failuresToInject.put(eventId, new Failures(times,
                () -> new OptimisticLockException("injected lost update for " + eventId)));
    }

    /** Every attempt fails the way a bug does. */
    void failUnexpectedly(UUID eventId) {
        failuresToInject.put(eventId, new Failures(Integer.MAX_VALUE,
                () -> new IllegalStateException("injected bug for " + eventId)));
    }

    /** How often the effect was tried (it runs only once the inbox could record the id). */
    int attempts(UUID eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }

    @Transactional
    long applications(UUID eventId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM test_effect WHERE event_id = :id")
                .setParameter("id", eventId)
                .getSingleResult()).longValue();
    }

    private record Failures(AtomicInteger remaining, Supplier<RuntimeException> failure) {
        Failures(int times, Supplier<RuntimeException> failure) {
            this(new AtomicInteger(times), failure);
        }
    }
}
