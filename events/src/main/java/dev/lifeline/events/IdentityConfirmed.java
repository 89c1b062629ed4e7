package dev.lifeline.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The owner's identity was confirmed.
 *
 * @param reviewers the support staff who approved a manual review; empty for an automated check
 */
public record IdentityConfirmed(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                IdentityCheckMethod method, Assurance assurance,
                                List<String> reviewers) implements RecoveryEvent {
    public IdentityConfirmed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(assurance, "assurance");
        reviewers = List.copyOf(Objects.requireNonNull(reviewers, "reviewers"));
    }
}
