package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The owner or support stopped the recovery.
 *
 * @param actor who cancelled, for the audit trail: the support agent's username, or the account for the owner
 */
public record RecoveryCancelled(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                CancelledBy by, String actor) implements RecoveryEvent {
    public RecoveryCancelled {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(actor, "actor");
    }
}
