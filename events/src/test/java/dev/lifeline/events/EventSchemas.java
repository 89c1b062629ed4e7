package dev.lifeline.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks event JSON against the published schemas. Shared through the test-jar, so every service's tests can
 * prove that what it publishes is what the contract says.
 */
public final class EventSchemas {
    // 2020-12 treats "format" as an annotation only; we want uuid and date-time to be checked too.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<EventType, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema violations of {@code json} as readable messages; empty when it is valid. */
    public static List<String> violations(EventType type, String json) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return schema(type).validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public static void assertValid(EventType type, String json) {
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(type.eventName() + " violates " + type.schemaResource() + ": " + violations
                    + "\n" + json);
        }
    }

    private static JsonSchema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(t.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("Missing schema " + t.schemaResource());
                }
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
