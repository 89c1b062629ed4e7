package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping of events, used by every producer and consumer so the wire format cannot drift. */
public final class EventJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /** Shared and thread-safe once configured; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the event settings to {@code mapper}, e.g. a service's Quarkus ObjectMapper; returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                // ISO-8601 text ("2025-03-14T09:26:53Z", "PT24H") is what the schemas and non-Java consumers expect.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // Evolution is additive: an older consumer must accept fields added after it was built.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Optional fields are absent rather than null, as the schemas describe them.
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    public static String write(LifelineEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Records of known types always serialise; failing here is a programming error.
            throw new IllegalStateException("Cannot write " + event.type().eventName(), e);
        }
    }

    public static LifelineEvent read(EventType type, String json) {
        try {
            LifelineEvent event = MAPPER.readValue(json, type.recordClass());
            if (event == null) {
                throw new MalformedEventException("Malformed " + type.eventName() + " event: JSON null");
            }
            return event;
        } catch (ValueInstantiationException e) {
            // The compact constructors' requireNonNull messages name the missing field.
            String problem = e.getCause() instanceof NullPointerException npe && npe.getMessage() != null
                    ? "missing required field '" + npe.getMessage() + "'"
                    : e.getOriginalMessage();
            throw new MalformedEventException("Malformed " + type.eventName() + " event: " + problem, e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    "Malformed " + type.eventName() + " event: " + e.getOriginalMessage(), e);
        }
    }
}
