package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * identity-service answered a start for an unknown identifier with a decoy: a recovery of no account that can never
 * complete. Participants answer its token holder exactly as they would answer a real recovery's, so that nothing
 * tells the two apart; notification-service ignores it. There is no {@code accountId}: there is no account.
 *
 * @param recoveryTokenHash hex SHA-256 of the token handed out, as in RecoveryRequested
 */
public record RecoveryDecoyStarted(UUID eventId, UUID recoveryId, Instant occurredAt, Instant expiresAt,
                                   String recoveryTokenHash) implements RecoveryEvent {
    public RecoveryDecoyStarted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(recoveryTokenHash, "recoveryTokenHash");
    }
}
