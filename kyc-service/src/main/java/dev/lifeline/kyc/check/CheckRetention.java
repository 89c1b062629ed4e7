package dev.lifeline.kyc.check;

import dev.lifeline.messaging.DueRows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/**
 * Deletes the identity checks whose end passed {@link CheckConfig#keptAfterExpiry} ago, a decoy's and a real one's on
 * the one schedule (issue 22: one lifecycle for decoys), which is the horizon identity-service prunes its decoys on.
 * A check support has a review case of stays with its case: the case and its decisions are the record of who decided
 * what. No token opens a check past its end either way ({@link IdentityCheck#visible}). A start event delivered
 * again after that opens nothing ({@link RecoveryEventsListener} refuses a recovery past its deadline).
 */
@ApplicationScoped
public class CheckRetention {

    private static final int BATCH = 1_000;

    private final EntityManager entityManager;
    private final CheckConfig config;

    CheckRetention(EntityManager entityManager, CheckConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.identity-checks.prune-interval}",
            delayed = "${lifeline.identity-checks.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pruneEndedChecks() {
        prune(Instant.now());
    }

    /** @return how many checks it deleted */
    long prune(Instant now) {
        return DueRows.delete(entityManager, "identity_check", "recovery_id", "expires_at",
                "NOT EXISTS (SELECT 1 FROM review_case r WHERE r.recovery_id = identity_check.recovery_id)",
                now.minus(config.keptAfterExpiry()), BATCH);
    }
}
