package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStateException;
import dev.lifeline.identity.recovery.RecoveryStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What an unknown identifier gets instead of a recovery: to its token holder it looks like a fresh recovery
 * (awaiting evidence until it expires; every recovery shows the same required evidence), and it refuses every
 * command the way such a recovery would, with the same messages. It can never complete. Its start is announced as
 * RecoveryDecoyStarted, so that participants can answer it like a real one; its own table keeps it out of reach of
 * the saga. Rows are pruned some time after they expire ({@link DecoyPruning}).
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

    /** For JPA. */
    protected DecoyRecovery() {
    }

    static DecoyRecovery create(UUID id, String tokenHash, Instant now, Duration ttl) {
        DecoyRecovery decoy = new DecoyRecovery();
        decoy.id = id;
        decoy.tokenHash = tokenHash;
        // Truncated like Recovery's times, so both print alike.
        decoy.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        decoy.expiresAt = decoy.createdAt.plus(ttl);
        return decoy;
    }

    /** The event announcing this decoy, at its creation. */
    RecoveryDecoyStarted started() {
        return new RecoveryDecoyStarted(UUID.randomUUID(), id, createdAt, expiresAt, tokenHash);
    }

    RecoveryStatus status(Instant now) {
        return now.isBefore(expiresAt) ? RecoveryStatus.AWAITING_EVIDENCE : RecoveryStatus.EXPIRED;
    }

    /** Constant-time, as {@code Recovery.matchesToken}. */
    boolean matchesToken(String hash) {
        return MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** What {@code Recovery.resetPassword} throws for a recovery awaiting evidence, or expired. */
    RecoveryStateException refuseReset(Instant now) {
        return status(now) == RecoveryStatus.EXPIRED
                ? expired()
                : new RecoveryStateException(RecoveryStateException.Reason.EVIDENCE_OUTSTANDING,
                Recovery.EVIDENCE_OUTSTANDING_MESSAGE);
    }

    /** What {@code Recovery.changePhone} throws before the password was reset, or once expired. */
    RecoveryStateException refusePhoneChange(Instant now) {
        return status(now) == RecoveryStatus.EXPIRED
                ? expired()
                : new RecoveryStateException(RecoveryStateException.Reason.NOT_COMPLETED,
                "The password has not been reset yet");
    }

    private RecoveryStateException expired() {
        return new RecoveryStateException(RecoveryStateException.Reason.EXPIRED, "The recovery expired at " + expiresAt);
    }

    UUID id() {
        return id;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
