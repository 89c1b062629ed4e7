package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * email-verification-service: a decoy's email challenge failed the way that would reject a real recovery (its
 * attempts are exhausted). identity-service marks the decoy rejected, so that its token holder sees what the holder
 * of a real recovery would; notification-service ignores it. There is no {@code accountId}: there is no account.
 *
 * @param reason why the challenge failed, as in EmailVerificationFailed; identity-service rejects the decoy only for
 *               {@code TOO_MANY_ATTEMPTS}, as it does a real recovery
 */
public record DecoyEmailVerificationFailed(UUID eventId, UUID recoveryId, Instant occurredAt,
                                           EmailVerificationFailure reason) implements RecoveryEvent {
    public DecoyEmailVerificationFailed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reason, "reason");
    }
}
