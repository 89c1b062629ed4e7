package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The recovery reached its {@code expiresAt} before the password was reset. */
public record RecoveryExpired(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt)
        implements RecoveryEvent {
    public RecoveryExpired {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
