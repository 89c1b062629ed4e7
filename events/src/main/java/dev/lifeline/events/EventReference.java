package dev.lifeline.events;

import java.util.Objects;
import java.util.UUID;

/**
 * Points at another event by its envelope identity.
 *
 * @param type the {@code ce_type} of the referenced event, e.g. {@code dev.lifeline.IdentityRejected.v1}
 */
public record EventReference(String type, UUID eventId) {
    public EventReference {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
    }

    public static EventReference to(LifelineEvent event) {
        return new EventReference(event.type().ceType(), event.eventId());
    }
}
