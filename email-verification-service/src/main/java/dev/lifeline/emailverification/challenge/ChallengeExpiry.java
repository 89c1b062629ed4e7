package dev.lifeline.emailverification.challenge;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.DueRows;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Reports lapsed codes (EmailVerificationFailed EXPIRED) from their stored deadlines, so a restart loses none;
 * {@code FOR UPDATE SKIP LOCKED} lets several instances share the work, and the challenge reports each code once.
 */
@ApplicationScoped
public class ChallengeExpiry {

    private static final int BATCH = 100;
    private static final String FROM_SCHEDULER = "scheduler";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Audit audit;

    ChallengeExpiry(EntityManager entityManager, Outbox outbox, Audit audit) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Scheduled(every = "${lifeline.email-verification.expiry-check-interval}",
            delayed = "${lifeline.email-verification.expiry-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void reportLapsedCodes() {
        Instant now = Instant.now();
        List<EmailChallenge> due = DueRows.lock(entityManager, EmailChallenge.class, "email_challenge",
                "code_expires_at", "state = 'OPEN' AND NOT expiry_reported", now, BATCH);
        for (EmailChallenge challenge : due) {
            List<LifelineEvent> events = challenge.expire(now);
            events.forEach(outbox::publish);
            audit.record(Audit.SYSTEM, "email-challenge.expire", FROM_SCHEDULER, "code-lapsed",
                    "recovery", challenge.recoveryId().toString());
        }
    }
}
