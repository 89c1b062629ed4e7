package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The owner proved control of the account's email address. */
public record EmailVerified(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                            EmailVerificationMethod method) implements RecoveryEvent {
    public EmailVerified {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(method, "method");
    }
}
