package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification was attempted on one channel.
 *
 * @param causationId the {@code eventId} of the event that triggered the notification
 */
public record NotificationSent(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                               Channel channel, String template, DeliveryStatus status,
                               UUID causationId) implements RecoveryEvent {
    public NotificationSent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(causationId, "causationId");
    }
}
