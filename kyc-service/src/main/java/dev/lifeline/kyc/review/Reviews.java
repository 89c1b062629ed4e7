package dev.lifeline.kyc.review;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.kyc.check.CheckClosed;
import dev.lifeline.kyc.check.IdentityCheck;
import dev.lifeline.kyc.check.ReviewNeeded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The review queue: cases open when a check needs a person, are decided by support, and close with the recovery. */
@ApplicationScoped
public class Reviews {

    private final Outbox outbox;
    private final Audit audit;

    Reviews(Outbox outbox, Audit audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** In the submission's transaction. */
    void open(@Observes ReviewNeeded needed) {
        Review.open(needed.recoveryId(), needed.accountId(), needed.highRisk() ? Review.Risk.HIGH : Review.Risk.NORMAL,
                needed.signals(), Instant.now()).persist();
        audit.record(Audit.SYSTEM, "review.open", "identity-check", "opened", "recovery", needed.recoveryId().toString(),
                "risk", needed.highRisk() ? "HIGH" : "NORMAL");
    }

    /** In the closing transaction: a decision on the case changes nothing from now on. */
    void close(@Observes CheckClosed closed) {
        Review.<Review>find("recoveryId", closed.recoveryId()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().filter(review -> review.close(Instant.now()))
                .ifPresent(review -> audit.record(Audit.SYSTEM, "review.close", "recovery-ended", "closed",
                        "review", review.id().toString()));
    }

    @Transactional
    public List<Review> withState(Review.State state) {
        return Review.<Review>find("state = ?1 order by createdAt", state).list();
    }

    /**
     * @throws Review.RefusedException when the case's rules refuse the decision
     */
    @Transactional
    public Optional<Review> decide(UUID reviewId, Review.Reviewer reviewer, Review.Verdict verdict, String reason,
                                   String from) {
        Instant now = Instant.now();
        Optional<Review> unlocked = Review.findByIdOptional(reviewId);
        if (unlocked.isEmpty()) {
            return unlocked;
        }
        // Check first, then case: the order the recovery's end takes them in, so the two never deadlock.
        IdentityCheck check = IdentityCheck.findById(unlocked.get().recoveryId(), LockModeType.PESSIMISTIC_WRITE);
        Review review = Review.findById(reviewId, LockModeType.PESSIMISTIC_WRITE);
        Optional<Review> found = Optional.of(review);
        Review.State state;
        try {
            state = review.decide(reviewer, verdict, reason, from, now);
        } catch (Review.RefusedException e) {
            audit.record(reviewer.name(), "review.decide", from, "refused", "review", reviewId.toString(),
                    "decision", verdict.name(), "reason", e.refusal().name());
            throw e;
        }
        if (state != Review.State.PENDING) {
            List<LifelineEvent> events = check.reviewed(state == Review.State.APPROVED, review.approvers(), reason, now);
            events.forEach(outbox::publish);
        }
        audit.record(reviewer.name(), "review.decide", from, verdict.name().toLowerCase(), "review", reviewId.toString(),
                "recovery", review.recoveryId().toString(), "state", state.name());
        return found;
    }
}
