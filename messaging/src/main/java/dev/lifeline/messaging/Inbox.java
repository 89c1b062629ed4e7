package dev.lifeline.messaging;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.MalformedEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Applies a consumed event's effect at most once per {@code ce_id}: the id is recorded in the same transaction
 * as the effect, so a redelivered event (producer retry, relay restart, consumer rebalance) changes nothing.
 *
 * <p>A listener calls {@link #receive} from its {@code @Incoming @Blocking} method and needs nothing else:
 * <ul>
 *   <li>A record that can never be processed (see {@link IncomingEvent}) throws {@link MalformedEventException}
 *   at once; the channel's dead-letter-queue strategy moves it to {@code <topic>.dlq} and consumption goes on.</li>
 *   <li>A transient failure ({@link TransientFailures}: database down, lock or serialization conflict) rolls the
 *   effect back and is retried with capped exponential backoff for as long as it lasts. The partition waits; the
 *   connector keeps polling with it paused, so the consumer stays in its group.</li>
 *   <li>Any other failure is retried {@code lifeline.inbox.unexpected-failure-attempts} times, then dead-lettered:
 *   a bug must not stop every later recovery on the partition, and a dead letter can be redriven once fixed.</li>
 * </ul>
 * An interrupted wait (shutdown) gives up with an exception: the record is then either redelivered after the
 * restart or, if the dead-letter producer is still open, dead-lettered whole and redrivable; never acknowledged.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EntityManager entityManager;
    private final InboxConfig config;

    Inbox(EntityManager entityManager, InboxConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** @return whether the effect ran (false for a duplicate) */
    public boolean receive(ConsumerRecord<String, String> record, Consumer<LifelineEvent> effect) {
        LifelineEvent event = IncomingEvent.parse(record);
        Duration backoff = config.retry().initialBackoff();
        int unexpectedFailures = 0; // transient failures, however many, never count towards dead-lettering
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyOnce(record, event, effect));
            } catch (RuntimeException failure) {
                if (failure instanceof MalformedEventException) {
                    throw failure; // the effect found the data unusable: no attempt will do better
                }
                boolean isTransient = TransientFailures.isTransient(failure);
                if (!isTransient && ++unexpectedFailures >= config.unexpectedFailureAttempts()) {
                    LOG.errorf(failure, "%s %s failed %d times with an unexpected error; dead-lettering it",
                            event.type().ceType(), event.eventId(), unexpectedFailures);
                    throw failure;
                }
                LOG.warnf("%s %s: attempt %d failed (%s%s); retrying in %d ms", event.type().ceType(),
                        event.eventId(), attempt, isTransient ? "transient: " : "", failure, backoff.toMillis());
                pause(backoff, event);
                backoff = min(backoff.multipliedBy(2), config.retry().maxBackoff());
            }
        }
    }

    private boolean applyOnce(ConsumerRecord<String, String> record, LifelineEvent event,
                              Consumer<LifelineEvent> effect) {
        // A concurrent delivery of the same id waits on the primary key here and then inserts nothing.
        int recorded = entityManager.createNativeQuery("""
                        INSERT INTO inbox_processed_event (event_id, type, topic) VALUES (:id, :type, :topic)
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("id", event.eventId())
                .setParameter("type", event.type().ceType())
                .setParameter("topic", record.topic())
                .executeUpdate();
        if (recorded == 0) {
            LOG.debugf("Skipping %s %s: already processed", event.type().ceType(), event.eventId());
            return false;
        }
        effect.accept(event);
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pause(Duration backoff, LifelineEvent event) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + event.eventId(), e);
        }
    }
}
