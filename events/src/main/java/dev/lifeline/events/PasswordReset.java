package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The password was reset; the gateway revokes the account's sessions.
 *
 * @param sessionsRevoked required in JSON: a primitive would otherwise silently default to false when missing
 */
public record PasswordReset(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                            @JsonProperty(required = true) boolean sessionsRevoked) implements RecoveryEvent {
    public PasswordReset {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
