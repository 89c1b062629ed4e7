package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A recovery has started: everything the participants need to act, and no secret.
 *
 * @param recoveryTokenHash hex SHA-256 of the recovery token, so participants can bind requests to the
 *                          client that started the recovery without ever seeing the token
 * @param requestedFrom     the network the start came from, as the owner may be shown it ("was this you?"): an
 *                          IPv4 /24 such as {@code 203.0.113.0/24} or an IPv6 /64; absent in events published
 *                          before 2026-12-07 (additive, issue 22.12)
 */
public record RecoveryRequested(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                Instant expiresAt, RecoveryPolicy policy, Contacts contacts,
                                String recoveryTokenHash, String requestedFrom) implements RecoveryEvent {

    /** A start whose network is not known (or not told). */
    public RecoveryRequested(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt, Instant expiresAt,
                             RecoveryPolicy policy, Contacts contacts, String recoveryTokenHash) {
        this(eventId, recoveryId, accountId, occurredAt, expiresAt, policy, contacts, recoveryTokenHash, null);
    }

    /** This event, saying that the start came from {@code network}. */
    public RecoveryRequested from(String network) {
        return new RecoveryRequested(eventId, recoveryId, accountId, occurredAt, expiresAt, policy, contacts,
                recoveryTokenHash, network);
    }

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
