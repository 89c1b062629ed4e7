package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The owner bound a new phone number after the recovery.
 *
 * @param maskedPhone at most the last four digits visible, e.g. {@code *******5678}; the full number stays in
 *                    identity-service
 */
public record PhoneNumberChanged(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                 String maskedPhone) implements LifelineEvent {
    public PhoneNumberChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
    }
}
