package dev.lifeline.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * All required evidence has arrived.
 *
 * @param assurance      the identity assurance that counted; null when no identity proofing did (the recovery was
 *                       approved by one of its policy's alternatives, e.g. EMAIL + RECOVERY_CODE)
 * @param resetAllowedAt when the password may be reset; later than {@code occurredAt} when a cooling-off applies
 */
public record RecoveryApproved(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                               List<Evidence> satisfiedEvidence, Assurance assurance,
                               Instant resetAllowedAt) implements RecoveryEvent {
    public RecoveryApproved {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        satisfiedEvidence = List.copyOf(Objects.requireNonNull(satisfiedEvidence, "satisfiedEvidence"));
        Objects.requireNonNull(resetAllowedAt, "resetAllowedAt");
    }
}
