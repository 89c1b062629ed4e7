package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification about an account event (e.g. RecoveryCodesIssued) was attempted on one channel: NotificationSent's
 * twin for what belongs to no recovery, keyed by the account.
 *
 * @param causationId the {@code eventId} of the event that triggered the notification
 */
public record AccountNotificationSent(UUID eventId, UUID accountId, Instant occurredAt, Channel channel,
                                      String template, DeliveryStatus status, UUID causationId)
        implements AccountEvent {
    public AccountNotificationSent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(causationId, "causationId");
    }
}
