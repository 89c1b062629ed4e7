package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The recovery can no longer succeed; {@code cause} names the participant event that made it impossible. */
public record RecoveryRejected(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                               EventReference cause) implements RecoveryEvent {
    public RecoveryRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(cause, "cause");
    }
}
