package dev.lifeline.identity.phoneproof;

import dev.lifeline.messaging.DueRows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/**
 * Deletes the phone proofs nobody confirmed once their code expired {@link PhoneProofConfig#keptAfterExpiry} ago, on
 * the suite's one retention horizon: the number typed in, kept in clear so that the code can be texted to it, goes
 * with the row. (A confirmed proof is deleted as its number is bound.) The horizon is far past the phone change
 * window, so the recovery can no longer ask for a code, and its count of texts, kept in the row, is no longer needed.
 */
@ApplicationScoped
public class PhoneProofRetention {

    private static final int BATCH = 1_000;

    private final EntityManager entityManager;
    private final PhoneProofConfig config;

    PhoneProofRetention(EntityManager entityManager, PhoneProofConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.phone-proof.prune-interval}", delayed = "${lifeline.phone-proof.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pruneUnconfirmedProofs() {
        prune(Instant.now());
    }

    /** @return how many proofs it deleted */
    public long prune(Instant now) {
        return DueRows.delete(entityManager, "phone_proof", "recovery_id", "expires_at", "",
                now.minus(config.keptAfterExpiry()), BATCH);
    }
}
