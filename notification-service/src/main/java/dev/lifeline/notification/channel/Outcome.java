package dev.lifeline.notification.channel;

import dev.lifeline.events.DeliveryStatus;

import dev.lifeline.http.outbound.DeliveryFailure;
import java.util.Objects;

/**
 * What a channel did with a notification: SENT, or SKIPPED with the reason (never FAILED: a failure is a
 * {@link DeliveryFailure}).
 *
 * @param detail for the delivery log: where it went (masked) or why it was skipped; never a secret
 */
public record Outcome(DeliveryStatus status, String detail) {

    public Outcome {
        Objects.requireNonNull(status, "status");
        if (status == DeliveryStatus.FAILED) {
            throw new IllegalArgumentException("a failure is a DeliveryFailure, not an outcome");
        }
    }

    public static Outcome sent(String detail) {
        return new Outcome(DeliveryStatus.SENT, detail);
    }

    public static Outcome skipped(String reason) {
        return new Outcome(DeliveryStatus.SKIPPED, reason);
    }
}
