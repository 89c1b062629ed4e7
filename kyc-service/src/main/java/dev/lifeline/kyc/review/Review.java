package dev.lifeline.kyc.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A case automation could not settle, decided by support. The rules: one REJECT rejects; a NORMAL case is approved
 * by one approval; a HIGH-risk case needs two approvals by two different people, one of them a supervisor (the
 * two-person rule); nobody approves twice; a decided or closed case takes no decision. Every decision is kept.
 *
 * <p>"The same person" is decided by the reviewer's {@link Reviewer#key() key} (the token's issuer and subject), not
 * by the name: names are chosen, changed and reused at the identity provider, so one person could otherwise approve
 * twice under two names, and a namesake could not approve at all.
 */
@Entity
@Table(name = "review_case")
public class Review extends PanacheEntityBase {

    public enum Risk {
        NORMAL, HIGH
    }

    public enum State {
        PENDING, APPROVED, REJECTED, CLOSED
    }

    public enum Verdict {
        APPROVE, REJECT
    }

    /** Why a decision was refused; each is a 409 for the reviewer. */
    public enum Refusal {
        NOT_PENDING, ALREADY_APPROVED_BY_YOU, SECOND_APPROVAL_NEEDS_A_SUPERVISOR
    }

    public static class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Who decides: {@code name} for views, events and audit lines; {@code key}, the stable identity (issuer and subject
     * of the token, {@code Actors.subjectKey()}), for telling people apart.
     */
    public record Reviewer(String name, String key, boolean supervisor) {
        public Reviewer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }
    }

    /** One reviewer's decision: who, what, when, from where, and why. */
    @Embeddable
    public static class Decision {
        @Column(nullable = false)
        private String reviewer;

        /** Null on decisions taken before reviewers were told apart by key (V4); those compare by name. */
        @Column(name = "reviewer_key")
        private String reviewerKey;

        @Column(nullable = false)
        private boolean supervisor;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        private Verdict decision;

        @Column(nullable = false)
        private String reason;

        @Column(name = "from_address", nullable = false)
        private String fromAddress;

        @Column(name = "decided_at", nullable = false)
        private Instant decidedAt;

        protected Decision() {
        }

        Decision(Reviewer reviewer, Verdict decision, String reason, String from, Instant at) {
            this.reviewer = reviewer.name();
            this.reviewerKey = reviewer.key();
            this.supervisor = reviewer.supervisor();
            this.decision = decision;
            this.reason = reason;
            this.fromAddress = from;
            this.decidedAt = at;
        }

        public String reviewer() {
            return reviewer;
        }

        /**
         * Whether {@code other} is who took this decision: by key when this decision has one; a decision from before
         * keys has only the name to go by, and sharing it counts as the same person (the cautious side of the rule).
         */
        boolean by(Reviewer other) {
            return reviewerKey != null ? reviewerKey.equals(other.key()) : reviewer.equals(other.name());
        }

        public boolean supervisor() {
            return supervisor;
        }

        public Verdict decision() {
            return decision;
        }

        public Instant decidedAt() {
            return decidedAt;
        }
    }

    @Id
    private UUID id;

    @Column(name = "recovery_id", nullable = false, updatable = false)
    private UUID recoveryId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Risk risk;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(nullable = false, updatable = false)
    private String signals;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_decision", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "position")
    private List<Decision> decisions = new ArrayList<>();

    @Version
    private long version;

    /** For JPA. */
    protected Review() {
    }

    public static Review open(UUID recoveryId, UUID accountId, Risk risk, String signals, Instant now) {
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.recoveryId = Objects.requireNonNull(recoveryId, "recoveryId");
        review.accountId = Objects.requireNonNull(accountId, "accountId");
        review.risk = Objects.requireNonNull(risk, "risk");
        review.signals = Objects.requireNonNull(signals, "signals");
        review.state = State.PENDING;
        review.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return review;
    }

    /**
     * Records a reviewer's decision.
     *
     * @return the state after it: still PENDING while a HIGH-risk case waits for its second approval
     * @throws RefusedException when the rules refuse it; nothing is recorded then
     */
    public State decide(Reviewer reviewer, Verdict verdict, String reason, String from, Instant now) {
        Objects.requireNonNull(reviewer, "reviewer");
        if (state != State.PENDING) {
            throw new RefusedException(Refusal.NOT_PENDING);
        }
        List<Decision> approvals = approvals();
        if (verdict == Verdict.APPROVE) {
            if (approvals.stream().anyMatch(d -> d.by(reviewer))) {
                throw new RefusedException(Refusal.ALREADY_APPROVED_BY_YOU);
            }
            if (risk == Risk.HIGH && approvals.size() == 1 && !reviewer.supervisor() && !approvals.get(0).supervisor()) {
                throw new RefusedException(Refusal.SECOND_APPROVAL_NEEDS_A_SUPERVISOR);
            }
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        decisions.add(new Decision(reviewer, verdict, reason, from, at));
        if (verdict == Verdict.REJECT) {
            state = State.REJECTED;
        } else if (approvals().size() >= requiredApprovals()) {
            state = State.APPROVED;
        }
        if (state != State.PENDING) {
            decidedAt = at;
        }
        return state;
    }

    /** The recovery ended: no decision is taken any more. */
    public boolean close(Instant now) {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CLOSED;
        decidedAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    public int requiredApprovals() {
        return risk == Risk.HIGH ? 2 : 1;
    }

    public List<Decision> approvals() {
        return decisions.stream().filter(d -> d.decision() == Verdict.APPROVE).toList();
    }

    public List<String> approvers() {
        return approvals().stream().map(Decision::reviewer).toList();
    }

    public UUID id() {
        return id;
    }

    public UUID recoveryId() {
        return recoveryId;
    }

    public UUID accountId() {
        return accountId;
    }

    public Risk risk() {
        return risk;
    }

    public State state() {
        return state;
    }

    public String signals() {
        return signals;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }
}
