package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of Lifeline: the published language shared by all its services. Each event is about one
 * {@link #subject()}, its Kafka key and {@code ce_subject}, so that everything about one subject stays in order on
 * its partition: most are {@link RecoveryEvent}s of the account-recovery saga, about one recovery; a few are
 * {@link AccountEvent}s, about an account outside any recovery (what its owner set up for the next one).
 * Sealed so that {@link EventType}, the schemas and the consumers' switches can be checked for completeness.
 */
public sealed interface LifelineEvent permits RecoveryEvent, AccountEvent {

    /** Unique per event; travels as {@code ce_id} and is the consumers' dedupe key. */
    UUID eventId();

    /** What the event is about: the recovery, or the account; the Kafka key and {@code ce_subject}. */
    @JsonIgnore
    UUID subject();

    Instant occurredAt();

    /** Derived from the class, and sent as {@code ce_type}, so it is not part of the JSON data. */
    @JsonIgnore
    default EventType type() {
        return EventType.of(getClass());
    }
}
