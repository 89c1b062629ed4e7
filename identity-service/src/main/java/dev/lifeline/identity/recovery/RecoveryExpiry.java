package dev.lifeline.identity.recovery;

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
 * Expires open recoveries whose stored deadline has passed. The deadline lives in the database, so a restart
 * loses none; {@code FOR UPDATE SKIP LOCKED} lets several instances share the work without expiring one
 * recovery twice (and the aggregate's version check would refuse a second expiry anyway).
 */
@ApplicationScoped
public class RecoveryExpiry {

    private static final int BATCH = 100;
    /** The audit line's "from": nobody asked, the deadline passed. */
    private static final String FROM_SCHEDULER = "scheduler";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Audit audit;

    RecoveryExpiry(EntityManager entityManager, Outbox outbox, Audit audit) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Scheduled(every = "${lifeline.expiry.check-interval}", delayed = "${lifeline.expiry.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void expireDueRecoveries() {
        Instant now = Instant.now();
        List<Recovery> due = DueRows.lock(entityManager, Recovery.class, "recovery", "expires_at",
                "state IN ('AWAITING_EVIDENCE', 'APPROVED')", now, BATCH);
        for (Recovery recovery : due) {
            List<LifelineEvent> expired = recovery.expire(now);
            expired.forEach(outbox::publish);
            audit.record(Audit.SYSTEM, "recovery.expire", FROM_SCHEDULER, expired.isEmpty() ? "no-change" : "expired",
                    "recovery", recovery.id().toString());
        }
    }
}
