package dev.lifeline.events.messaging;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * Applies a consumed event's effect at most once per {@code ce_id}: the id is recorded in the same transaction
 * as the effect, so a redelivered event (producer retry, relay restart, consumer rebalance) changes nothing.
 *
 * <p>A listener calls {@link #receive} from its {@code @Incoming} method. A record that can never be processed
 * throws {@link MalformedEventException}; the channel's dead-letter-queue strategy then moves it to
 * {@code <topic>.dlq} and consumption goes on. Any other exception rolls the effect back and may be retried.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EntityManager entityManager;

    Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return whether the effect ran (false for a duplicate) */
    @Transactional
    public boolean receive(ConsumerRecord<String, String> record, Consumer<LifelineEvent> effect) {
        LifelineEvent event = IncomingEvent.parse(record);
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
}
