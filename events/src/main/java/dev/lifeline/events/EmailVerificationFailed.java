package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Email verification can no longer succeed for this recovery. */
public record EmailVerificationFailed(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                      EmailVerificationFailure reason) implements RecoveryEvent {
    public EmailVerificationFailed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reason, "reason");
    }
}
