package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.messaging.DueRows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Deletes decoys past their horizon ({@link RecoveryStartConfig#decoyKeptAfterExpiry()} after they expired), in
 * batches. Safe with several instances: each batch takes only rows no other instance has locked
 * ({@code FOR UPDATE SKIP LOCKED}), and deleting a row twice deletes nothing.
 */
@ApplicationScoped
class DecoyPruning {

    private static final Logger LOG = Logger.getLogger(DecoyPruning.class);
    static final int BATCH = 1_000;

    private final EntityManager entityManager;
    private final RecoveryStartConfig config;

    DecoyPruning(EntityManager entityManager, RecoveryStartConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.decoys.prune-interval}", delayed = "${lifeline.decoys.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pruneOnSchedule() {
        long deleted = prune(Instant.now());
        if (deleted > 0) {
            LOG.debugf("Pruned %d decoys", deleted);
        }
    }

    /** @return how many decoys it deleted */
    long prune(Instant now) {
        return DueRows.delete(entityManager, "decoy_recovery", "id", "expires_at", "",
                now.minus(config.decoyKeptAfterExpiry()), BATCH);
    }
}
