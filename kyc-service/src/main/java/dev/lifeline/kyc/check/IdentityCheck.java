package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.kyc.check.Scoring.Outcome;
import dev.lifeline.kyc.check.Scoring.Signals;
import dev.lifeline.kyc.check.Scoring.Verdict;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity step of one recovery. Every recovery gets one — a decoy's too, and an account's without a KYC
 * profile, whose facts then match nothing — so that the token holder meets the same questions, answers and
 * attempts either way. A submission is scored by {@link Scoring}; a clear mismatch costs one attempt, and the
 * last one rejects the check; what automation cannot settle goes to a person (IN_REVIEW). The recovery's end
 * closes the check.
 */
@Entity
@Table(name = "identity_check")
public class IdentityCheck extends PanacheEntityBase {

    public static final int ATTEMPTS = 3;

    public enum State {
        OPEN, CONFIRMED, IN_REVIEW, REJECTED, CLOSED
    }

    /** What a submission met: the answer's status, and the events it publishes. */
    public record Submission(String status, int attemptsLeft, List<LifelineEvent> events, boolean wrong) {
    }

    @Id
    @Column(name = "recovery_id")
    private UUID recoveryId;

    @Column(name = "account_id", updatable = false)
    private UUID accountId;

    @Column(nullable = false, updatable = false)
    private boolean decoy;

    @Column(updatable = false)
    private String locale;

    @Column(name = "recovery_token_hash", nullable = false, updatable = false)
    private String recoveryTokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "required_assurance", nullable = false, updatable = false)
    private Assurance requiredAssurance;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "attempts_left", nullable = false)
    private int attemptsLeft;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "review_signals")
    private String reviewSignals;

    /**
     * The catalogue keys shown when no profile can supply them (comma-separated), drawn from {@link QuestionMix}
     * once, when the check opens: a draw redone on every read would change when the mix is counted again, which a
     * real profile's questions do not. Null for checks opened before V5 (drawn on each read then).
     */
    @Column(name = "fallback_questions", updatable = false)
    private String fallbackQuestions;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /** For JPA. */
    protected IdentityCheck() {
    }

    public static IdentityCheck of(RecoveryRequested requested, Instant now) {
        return create(requested.recoveryId(), requested.accountId(), false, requested.contacts().locale(),
                requested.recoveryTokenHash(), requested.policy().assurance(), requested.expiresAt(), now);
    }

    /** A decoy's check: it asks for SUBSTANTIAL like most real recoveries, and no fact will ever match. */
    public static IdentityCheck of(RecoveryDecoyStarted started, Instant now) {
        return create(started.recoveryId(), null, true, null, started.recoveryTokenHash(), Assurance.SUBSTANTIAL,
                started.expiresAt(), now);
    }

    private static IdentityCheck create(UUID recoveryId, UUID accountId, boolean decoy, String locale,
                                        String tokenHash, Assurance required, Instant expiresAt, Instant now) {
        IdentityCheck check = new IdentityCheck();
        check.recoveryId = Objects.requireNonNull(recoveryId, "recoveryId");
        check.accountId = accountId;
        check.decoy = decoy;
        check.locale = locale;
        check.recoveryTokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        check.requiredAssurance = Objects.requireNonNull(required, "required");
        check.state = State.OPEN;
        check.attemptsLeft = ATTEMPTS;
        check.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        check.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        check.updatedAt = check.createdAt;
        return check;
    }

    /** Fixes the questions shown if no profile can supply them ({@link #fallbackQuestions()}), as it opens. */
    public IdentityCheck withFallbackQuestions(List<String> keys) {
        fallbackQuestions = String.join(",", keys);
        return this;
    }

    /** The questions drawn when the check opened for the case that no profile supplies them; empty if none were. */
    public List<String> fallbackQuestions() {
        return fallbackQuestions == null || fallbackQuestions.isEmpty() ? List.of()
                : List.of(fallbackQuestions.split(","));
    }

    /** Constant-time; a missing token hashes like an empty one and matches nothing. */
    public boolean heldBy(String tokenHash) {
        return TokenHashes.same(recoveryTokenHash, tokenHash);
    }

    /**
     * Whether its token holder can still see it: not closed, not rejected, not past its end. A rejected check ends
     * at once, a real one's as a decoy's: a real one used to stay visible (REJECTED, 409 to a submission) until the
     * RecoveryRejected that identity-service answers with closed it two hops later, while a decoy's, which nothing
     * comes back for, answered 404 at once — a window in which one request told them apart.
     */
    public boolean visible(Instant now) {
        boolean ended = state == State.CLOSED || state == State.REJECTED;
        return !ended && now.isBefore(expiresAt);
    }

    /** The status shown to the token holder. */
    public String status() {
        return state.name();
    }

    /**
     * Decides a submission, given its signals against the profile (all NOT_PROVIDED or MISMATCH where there is none).
     *
     * @throws IllegalStateException when the check is not open (callers refuse first), or when a decoy's facts
     *                               scored anything but NOT_CONFIRMED (they match nothing)
     */
    public Submission submit(Signals signals, boolean automationTrustsThis, Instant now) {
        if (state != State.OPEN) {
            throw new IllegalStateException("the check is " + state);
        }
        Verdict verdict = Scoring.decide(signals, requiredAssurance, automationTrustsThis);
        if (decoy && verdict.outcome() != Outcome.NOT_CONFIRMED) {
            // A decoy's facts match nothing (IdentityChecks scores it against no profile), so this is a bug that
            // would confirm or queue a recovery for no account.
            throw new IllegalStateException("decoy check " + recoveryId + " scored " + verdict.outcome()
                    + "; a decoy's facts can only be NOT_CONFIRMED");
        }
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
        if (verdict.outcome() == Outcome.CONFIRMED) {
            state = State.CONFIRMED;
            return new Submission("CONFIRMED", attemptsLeft, List.of(new IdentityConfirmed(UUID.randomUUID(),
                    recoveryId, accountId, updatedAt, IdentityCheckMethod.AUTOMATED, verdict.assurance().orElseThrow(),
                    List.of())), false);
        }
        if (verdict.outcome() == Outcome.REVIEW) {
            state = State.IN_REVIEW;
            reviewSignals = IdentityChecks.signalsOf(signals);
            return new Submission("IN_REVIEW", attemptsLeft, List.of(), false);
        }
        attemptsLeft--;
        if (attemptsLeft > 0) {
            return new Submission("NOT_CONFIRMED", attemptsLeft, List.of(), true);
        }
        state = State.REJECTED;
        // A decoy has no account for IdentityRejected; identity-service still has to show it REJECTED, as it would a
        // real recovery, so a decoy's rejection is announced as its own event.
        List<LifelineEvent> rejected = List.of(decoy
                ? new DecoyIdentityRejected(UUID.randomUUID(), recoveryId, updatedAt, IdentityCheckMethod.AUTOMATED,
                        "attempts exhausted")
                : new IdentityRejected(UUID.randomUUID(), recoveryId, accountId, updatedAt,
                        IdentityCheckMethod.AUTOMATED, "attempts exhausted"));
        return new Submission("REJECTED", 0, rejected, true);
    }

    /**
     * A reviewer decided the case this check went to: approval confirms it, rejection rejects it. Two people's
     * approval reaches HIGH; one person's (a normal-risk case) reaches SUBSTANTIAL, so that the recovery still waits
     * out the cooling-off, in which the owner can stop it. Nothing changes once the check is no longer in review
     * (e.g. the recovery ended).
     */
    public List<LifelineEvent> reviewed(boolean approved, List<String> reviewers, String reason, Instant now) {
        if (state != State.IN_REVIEW) {
            return List.of();
        }
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
        if (approved) {
            state = State.CONFIRMED;
            return List.of(new IdentityConfirmed(UUID.randomUUID(), recoveryId, accountId, updatedAt,
                    IdentityCheckMethod.MANUAL, reviewers.size() >= 2 ? Assurance.HIGH : Assurance.SUBSTANTIAL,
                    List.copyOf(reviewers)));
        }
        state = State.REJECTED;
        return List.of(new IdentityRejected(UUID.randomUUID(), recoveryId, accountId, updatedAt,
                IdentityCheckMethod.MANUAL, reason));
    }

    public Assurance requiredAssurance() {
        return requiredAssurance;
    }

    /** The recovery ended: the check answers like an unknown one from now on. */
    public boolean close(Instant now) {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    public UUID recoveryId() {
        return recoveryId;
    }

    public UUID accountId() {
        return accountId;
    }

    public boolean decoy() {
        return decoy;
    }

    public String locale() {
        return locale;
    }

    public State state() {
        return state;
    }

    public int attemptsLeft() {
        return attemptsLeft;
    }

    public String reviewSignals() {
        return reviewSignals;
    }
}
