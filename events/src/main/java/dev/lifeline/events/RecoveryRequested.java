package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A recovery has started: everything the participants need to act, and no secret.
 *
 * @param recoveryTokenHash hex SHA-256 of the recovery token, so participants can bind requests to the
 *                          client that started the recovery without ever seeing the token
 */
public record RecoveryRequested(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                Instant expiresAt, RecoveryPolicy policy, Contacts contacts,
                                String recoveryTokenHash) implements RecoveryEvent {
    public RecoveryRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(recoveryTokenHash, "recoveryTokenHash");
    }
}
