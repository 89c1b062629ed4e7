package dev.lifeline.events.messaging;

import dev.lifeline.events.LifelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lifeline.events.MalformedEventException;
import io.smallrye.common.annotation.Blocking;

/** The test application's listener and its observable effect, shaped like a service's listener. */
@ApplicationScoped
public class TestEffects {

    private final Inbox inbox;
    private final EntityManager entityManager;
    private final Map<UUID, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();

    TestEffects(Inbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @Incoming("messaging-test")
    @Blocking
    @Retry(maxRetries = 4, delay = 50, abortOn = MalformedEventException.class)
    @ExponentialBackoff
    public void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    private void apply(LifelineEvent event) {
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id) VALUES (:id)")
                .setParameter("id", event.eventId())
                .executeUpdate();
        AtomicInteger failures = failuresToInject.get(event.eventId());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("injected transient failure for " + event.eventId());
        }
    }

    /** The next {@code times} attempts to apply this event fail after writing their effect (which rolls back). */
    void failTransiently(UUID eventId, int times) {
        failuresToInject.put(eventId, new AtomicInteger(times));
    }

    @Transactional
    long applications(UUID eventId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM test_effect WHERE event_id = :id")
                .setParameter("id", eventId)
                .getSingleResult()).longValue();
    }
}
