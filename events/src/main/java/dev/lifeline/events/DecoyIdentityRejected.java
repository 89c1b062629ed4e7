package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * kyc-service: a decoy's identity check failed the way that rejects a real recovery's (its attempts are exhausted).
 * identity-service marks the decoy rejected, so that its token holder sees what the holder of a real recovery would;
 * notification-service ignores it. There is no {@code accountId}: there is no account.
 *
 * @param method as in IdentityRejected; always {@code AUTOMATED}, since no decoy's check goes to review
 * @param reason as in IdentityRejected: for support and audit, never the facts checked
 */
public record DecoyIdentityRejected(UUID eventId, UUID recoveryId, Instant occurredAt, IdentityCheckMethod method,
                                    String reason) implements RecoveryEvent {
    public DecoyIdentityRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(reason, "reason");
    }
}
