package dev.lifeline.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The owner bound a new phone number after the recovery.
 *
 * @param maskedPhone at most the last four digits visible, e.g. {@code *******5678}: what audit consumers and the
 *                    owner-facing messages show
 * @param phone       the new number, for notification-service's text to it (added to v1 additively, like
 *                    {@code contacts.phone} in RecoveryRequested; null in older events)
 */
public record PhoneNumberChanged(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt,
                                 String maskedPhone, String phone) implements RecoveryEvent {
    public PhoneNumberChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(recoveryId, "recoveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
    }

    /** An announcement without the full number, as events before it was added were. */
    public PhoneNumberChanged(UUID eventId, UUID recoveryId, UUID accountId, Instant occurredAt, String maskedPhone) {
        this(eventId, recoveryId, accountId, occurredAt, maskedPhone, null);
    }
}
