package dev.lifeline.identity.recovery;

import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.http.security.TokenHashes;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an unknown identifier gets instead of a recovery: to its token holder it looks like a fresh recovery
 * (awaiting evidence until it expires; every recovery shows the same required evidence), and it refuses every
 * command the way such a recovery would, with {@link Recovery}'s own refusals. It can never complete. Its start is
 * announced as RecoveryDecoyStarted, so that participants can answer it like a real one; its own table keeps it out
 * of reach of the saga, but for the replies that a real recovery would show: when its email challenge or its
 * identity check is exhausted (DecoyEmailVerificationFailed, DecoyIdentityRejected) it is rejected, as a real
 * recovery would be. Rows are pruned some time after they expire ({@code DecoyPruning}), rejected or not.
 */
@Entity
@Table(name = "decoy_recovery")
public class DecoyRecovery extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    /** When a participant's failure rejected it; from then on it is REJECTED, as a real recovery would be. */
    @Column(name = "rejected_at")
    private Instant rejectedAt;

    /** For JPA. */
    protected DecoyRecovery() {
    }

    public static DecoyRecovery create(UUID id, String tokenHash, Instant now, Duration ttl) {
        DecoyRecovery decoy = new DecoyRecovery();
        decoy.id = id;
        decoy.tokenHash = tokenHash;
        // Truncated like Recovery's times, so both print alike.
        decoy.createdAt = at(now);
        decoy.expiresAt = decoy.createdAt.plus(ttl);
        return decoy;
    }

    /** The event announcing this decoy, at its creation. */
    public RecoveryDecoyStarted started() {
        return new RecoveryDecoyStarted(UUID.randomUUID(), id, createdAt, expiresAt, tokenHash);
    }

    /** Whether {@code event} is a participant's reply about a decoy, which only a decoy answers. */
    public static boolean answers(LifelineEvent event) {
        return event instanceof DecoyEmailVerificationFailed || event instanceof DecoyIdentityRejected;
    }

    /**
     * A participant's word that this decoy's email challenge (email-verification-service) or identity check
     * (kyc-service) failed. It rejects the decoy exactly when the same failure would reject a real recovery in the
     * same state ({@link Recovery#reactTo}): email attempts exhausted, or identity rejected, while awaiting evidence.
     * Otherwise it changes nothing and names the refusal a real recovery would.
     *
     * @return why it changed nothing, or empty when the decoy is now rejected
     * @throws IllegalArgumentException when the event belongs to another decoy (a routing bug)
     */
    public Optional<Recovery.Refusal> reactTo(RecoveryEvent event, Instant now) {
        Objects.requireNonNull(event, "event");
        if (!id.equals(event.recoveryId())) {
            throw new IllegalArgumentException(event.type().eventName() + " " + event.eventId()
                    + " belongs to decoy " + event.recoveryId() + ", not " + id);
        }
        Instant at = at(now);
        RecoveryStatus status = status(at);
        Optional<Recovery.Refusal> refusal;
        if (event instanceof DecoyEmailVerificationFailed failed) {
            refusal = Recovery.refusalOfEmailFailure(status, failed.reason());
        } else if (event instanceof DecoyIdentityRejected) {
            refusal = Recovery.refusalOfFailure(status);
        } else {
            refusal = Optional.of(Recovery.Refusal.NOT_A_PARTICIPANT_EVENT);
        }
        if (refusal.isEmpty()) {
            rejectedAt = at;
        }
        return refusal;
    }

    public RecoveryStatus status(Instant now) {
        if (rejectedAt != null) {
            return RecoveryStatus.REJECTED;
        }
        return now.isBefore(expiresAt) ? RecoveryStatus.AWAITING_EVIDENCE : RecoveryStatus.EXPIRED;
    }

    /** Constant-time, as {@code Recovery.matchesToken}. */
    public boolean matchesToken(String hash) {
        return TokenHashes.same(tokenHash, hash);
    }

    /** What {@code Recovery.resetPassword} throws for a recovery never approved, in the decoy's status. */
    public RecoveryStateException refuseReset(Instant now) {
        RecoveryStatus status = status(now);
        return status == RecoveryStatus.AWAITING_EVIDENCE
                ? Recovery.evidenceOutstanding()
                : Recovery.refusal(status, expiresAt);
    }

    /** What {@code Recovery.requireAwaitingEvidence} throws for a recovery never approved, in the decoy's status. */
    public void requireAwaitingEvidence(Instant now) {
        RecoveryStatus status = status(now);
        if (status.isFinal()) {
            throw Recovery.refusal(status, expiresAt);
        }
    }

    /** What {@code Recovery.changePhone} throws for a recovery whose password was never reset, in its status. */
    public RecoveryStateException refusePhoneChange(Instant now) {
        RecoveryStatus status = status(now);
        return status.isFinal() ? Recovery.refusal(status, expiresAt) : Recovery.notCompleted();
    }

    public UUID id() {
        return id;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** When a participant's failure rejected it, if one did. */
    public Optional<Instant> rejectedAt() {
        return Optional.ofNullable(rejectedAt);
    }

    /** As {@code Recovery}: PostgreSQL keeps microseconds. */
    private static Instant at(Instant now) {
        return Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
    }
}
