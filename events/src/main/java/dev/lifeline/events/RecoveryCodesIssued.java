package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The signed-in owner (through the gateway) saved a new set of recovery codes, replacing any earlier set. The codes
 * themselves never leave identity-service; notification-service tells the owner, on every channel, that a set was
 * issued, so that a stranger's issuing is noticed.
 *
 * @param codes    how many codes the new set has
 * @param contacts how to reach the owner (as in RecoveryRequested: notification-service has no other source)
 */
public record RecoveryCodesIssued(UUID eventId, UUID accountId, Instant occurredAt, int codes, Contacts contacts)
        implements AccountEvent {
    public RecoveryCodesIssued {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (codes < 1) {
            throw new IllegalArgumentException("codes must be positive: " + codes);
        }
        Objects.requireNonNull(contacts, "contacts");
    }
}
