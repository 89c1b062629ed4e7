package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A saved recovery code counted as RECOVERY_CODE evidence for this recovery; it is consumed and never works again.
 * The code itself never leaves identity-service. When none is left, notification-service tells the owner.
 *
 * @param codesLeft unused codes of the account's set after this one
 */
public record RecoveryCodeUsed(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt, int codesLeft)
        implements RecoveryEvent {
    public RecoveryCodeUsed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (codesLeft < 0) {
            throw new IllegalArgumentException("codesLeft must not be negative: " + codesLeft);
        }
    }
}
