package dev.lifeline.emailverification.challenge;

import dev.lifeline.messaging.DueRows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/**
 * Deletes the challenges whose recovery's deadline passed {@link ChallengeConfig#keptAfterExpiry} ago, a decoy's and a
 * real one's on the one schedule (issue 22: one lifecycle for decoys), which is the horizon identity-service prunes
 * its decoys on and past which no Recovery-Token opens anything. Nothing is kept for ever: the code and link hashes,
 * the address and the network of a dead recovery go with it. A start event delivered again after that opens nothing
 * ({@link Challenges#open} refuses a recovery past its deadline). Challenges from before the deadline was stored
 * (V2) have none and are kept.
 */
@ApplicationScoped
public class ChallengeRetention {

    private static final int BATCH = 1_000;

    private final EntityManager entityManager;
    private final ChallengeConfig config;

    ChallengeRetention(EntityManager entityManager, ChallengeConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.email-verification.prune-interval}",
            delayed = "${lifeline.email-verification.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pruneDeadChallenges() {
        prune(Instant.now());
    }

    /** @return how many challenges it deleted */
    long prune(Instant now) {
        return DueRows.delete(entityManager, "email_challenge", "recovery_id", "recovery_expires_at", "",
                now.minus(config.keptAfterExpiry()), BATCH);
    }
}
