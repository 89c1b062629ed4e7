package dev.lifeline.notification.message;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One notification for one channel: what a channel adapter delivers.
 *
 * @param deliveryId stable across retries of this delivery (the webhook's {@code webhook-id}, a SET's {@code jti}
 *                   stem), so a receiver can drop a repeat
 * @param eventId    the event that caused it
 * @param recoveryId the recovery it is about; null for an account event's (e.g. recovery codes issued)
 * @param facts      what the template may say besides the recovery itself (e.g. {@code resetAllowedAt},
 *                   {@code maskedPhone}, {@code cancelledBy}); never a secret
 */
public record Notification(UUID deliveryId, UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                           Template template, Recipient recipient, Map<String, String> facts) {
    public Notification {
        facts = Map.copyOf(facts);
    }

    /** What it is about, for logs: {@code recovery <id>}, or {@code account <id>} for an account event's. */
    public String about() {
        return recoveryId != null ? "recovery " + recoveryId : "account " + accountId;
    }
}
