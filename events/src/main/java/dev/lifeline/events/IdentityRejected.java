package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The owner's identity could not be confirmed; {@code reason} is for support and audit, never the facts checked. */
public record IdentityRejected(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                               IdentityCheckMethod method, String reason) implements RecoveryEvent {
    public IdentityRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(reason, "reason");
    }
}
