package dev.lifeline.identity.recovery.api;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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
        int deleted;
        int total = 0;
        do {
            deleted = pruneBatch(Instant.now());
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.debugf("Pruned %d decoys", total);
        }
    }

    /** @return how many decoys it deleted, at most {@value #BATCH} */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int pruneBatch(Instant now) {
        return entityManager.createNativeQuery("""
                        DELETE FROM decoy_recovery WHERE id IN (
                            SELECT id FROM decoy_recovery WHERE expires_at < :horizon
                            LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("horizon", now.minus(config.decoyKeptAfterExpiry()))
                .setParameter("batch", BATCH)
                .executeUpdate();
    }
}
