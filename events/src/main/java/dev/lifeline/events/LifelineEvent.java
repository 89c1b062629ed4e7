package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the account-recovery saga: the published language shared by all Lifeline services. Every event
 * names its recovery; every one but the decoys' ({@link RecoveryDecoyStarted}, {@link DecoyEmailVerificationFailed}
 * and {@link DecoyIdentityRejected}), which stand for no account, also has an {@code accountId}.
 * Sealed so that {@link EventType}, the schemas and the consumers' switches can be checked for completeness.
 */
public sealed interface LifelineEvent
        permits RecoveryRequested, RecoveryApproved, EmailVerified, EmailVerificationFailed, IdentityConfirmed,
        IdentityRejected, PasswordReset, RecoveryCancelled, RecoveryRejected, RecoveryExpired, PhoneNumberChanged,
        NotificationSent, RecoveryDecoyStarted, DecoyEmailVerificationFailed, DecoyIdentityRejected {

    /** Unique per event; travels as {@code ce_id} and is the consumers' dedupe key. */
    UUID eventId();

    /** The recovery this event belongs to; the Kafka key and {@code ce_subject}. */
    UUID recoveryId();

    Instant occurredAt();

    /** Derived from the class, and sent as {@code ce_type}, so it is not part of the JSON data. */
    @JsonIgnore
    default EventType type() {
        return EventType.of(getClass());
    }
}
