package dev.lifeline.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Forgets processed-event ids older than {@code lifeline.inbox.retention}. A redelivery comes within the broker's
 * retention and the relay's crash window, both far shorter, so an id past the horizon can no longer meet its
 * duplicate. (A redriven dead letter was never processed, so it has no id to lose.)
 *
 * <p>Safe with several instances: each batch is its own short transaction and skips rows another instance is
 * deleting, so instances share the work instead of waiting on each other, and deleting is idempotent anyway.
 */
@ApplicationScoped
class InboxPruner {

    private static final Logger LOG = Logger.getLogger(InboxPruner.class);

    private final EntityManager entityManager;
    private final InboxConfig config;

    InboxPruner(EntityManager entityManager, InboxConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.inbox.prune-interval}", delayed = "${lifeline.inbox.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pruneExpired() {
        prune(Instant.now().minus(config.retention()));
    }

    /** Deletes the ids processed before {@code horizon}; returns how many. */
    long prune(Instant horizon) {
        long total = DueRows.delete(entityManager, "inbox_processed_event", "event_id", "processed_at", "", horizon,
                config.pruneBatchSize());
        if (total > 0) {
            LOG.infof("Pruned %d processed-event ids older than %s", total, horizon);
        }
        return total;
    }
}
