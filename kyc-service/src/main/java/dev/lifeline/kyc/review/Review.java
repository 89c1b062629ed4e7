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

    /** One reviewer's decision: who, what, when, from where, and why. */
    @Embeddable
    public static class Decision {
        @Column(nullable = false)
        private String reviewer;

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

        Decision(String reviewer, boolean supervisor, Verdict decision, String reason, String from, Instant at) {
            this.reviewer = reviewer;
            this.supervisor = supervisor;
            this.decision = decision;
            this.reason = reason;
            this.fromAddress = from;
            this.decidedAt = at;
        }

        public String reviewer() {
            return reviewer;
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
    public State decide(String reviewer, boolean supervisor, Verdict verdict, String reason, String from, Instant now) {
        if (state != State.PENDING) {
            throw new RefusedException(Refusal.NOT_PENDING);
        }
        List<Decision> approvals = approvals();
        if (verdict == Verdict.APPROVE) {
            if (approvals.stream().anyMatch(d -> d.reviewer().equals(reviewer))) {
                throw new RefusedException(Refusal.ALREADY_APPROVED_BY_YOU);
            }
            if (risk == Risk.HIGH && approvals.size() == 1 && !supervisor && !approvals.get(0).supervisor()) {
                throw new RefusedException(Refusal.SECOND_APPROVAL_NEEDS_A_SUPERVISOR);
            }
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        decisions.add(new Decision(reviewer, supervisor, verdict, reason, from, at));
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
