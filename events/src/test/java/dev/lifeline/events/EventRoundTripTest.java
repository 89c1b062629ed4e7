package dev.lifeline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden examples, the records and the schemas describe the same JSON. */
class EventRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleReadsIntoTheRecordAndWritesBackToTheSameJson(EventType type) {
        String golden = golden(type);

        LifelineEvent event = EventJson.read(type, golden);

        assertThat(event).isInstanceOf(type.recordClass());
        assertThat(tree(EventJson.write(event))).isEqualTo(tree(golden));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleListsFieldsInTheOrderJacksonWritesThem(EventType type) {
        String golden = golden(type);

        // Re-serialising the parsed golden keeps its field order; compare text, where order matters.
        assertThat(EventJson.write(EventJson.read(type, golden)))
                .isEqualTo(tree(golden).toString());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleValidatesAgainstItsSchema(EventType type) {
        assertThat(EventSchemas.violations(type, golden(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordWrittenFromTheGoldenValidatesAgainstItsSchema(EventType type) {
        String written = EventJson.write(EventJson.read(type, golden(type)));

        assertThat(EventSchemas.violations(type, written)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsALeakedPasswordField(EventType type) {
        ObjectNode leaky = (ObjectNode) tree(golden(type));
        leaky.put("password", "correct horse battery staple");

        assertThat(EventSchemas.violations(type, leaky.toString())).anyMatch(v -> v.contains("password"));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("nestedObjects")
    void schemaRejectsALeakedPasswordFieldInANestedObject(EventType type, String pointer) {
        JsonNode leaky = tree(golden(type));
        ((ObjectNode) leaky.at(pointer)).put("password", "correct horse battery staple");

        assertThat(EventSchemas.violations(type, leaky.toString())).anyMatch(v -> v.contains("password"));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void schemaRejectsTheGoldenWithARequiredFieldRemoved(EventType type, String field) {
        ObjectNode incomplete = (ObjectNode) tree(golden(type));
        incomplete.remove(field);

        assertThat(EventSchemas.violations(type, incomplete.toString())).anyMatch(v -> v.contains(field));
    }

    @Test
    void maskedPhoneSchemaRejectsAFullNumber() {
        ObjectNode golden = (ObjectNode) tree(golden(EventType.PHONE_NUMBER_CHANGED));
        golden.put("maskedPhone", "+8613812345678");

        assertThat(EventSchemas.violations(EventType.PHONE_NUMBER_CHANGED, golden.toString()))
                .anyMatch(v -> v.contains("maskedPhone"));
    }

    @Test
    void cancellationByTheSystemIsValid() {
        ObjectNode golden = (ObjectNode) tree(golden(EventType.RECOVERY_CANCELLED));
        golden.put("by", "SYSTEM").put("actor", "another-recovery-completed");

        assertThat(EventSchemas.violations(EventType.RECOVERY_CANCELLED, golden.toString())).isEmpty();
        assertThat(((RecoveryCancelled) EventJson.read(EventType.RECOVERY_CANCELLED, golden.toString())).by())
                .isEqualTo(CancelledBy.SYSTEM);
    }

    @Test
    void decoyStartNamesNoAccount() {
        ObjectNode golden = (ObjectNode) tree(golden(EventType.RECOVERY_DECOY_STARTED));

        assertThat(golden.has("accountId")).isFalse();
        golden.put("accountId", "5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13");
        assertThat(EventSchemas.violations(EventType.RECOVERY_DECOY_STARTED, golden.toString()))
                .anyMatch(v -> v.contains("accountId"));
    }

    @Test
    void decoyEmailFailureNamesNoAccount() {
        ObjectNode golden = (ObjectNode) tree(golden(EventType.DECOY_EMAIL_VERIFICATION_FAILED));

        assertThat(golden.has("accountId")).isFalse();
        golden.put("accountId", "5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13");
        assertThat(EventSchemas.violations(EventType.DECOY_EMAIL_VERIFICATION_FAILED, golden.toString()))
                .anyMatch(v -> v.contains("accountId"));
    }

    @Test
    void decoyIdentityRejectionNamesNoAccount() {
        ObjectNode golden = (ObjectNode) tree(golden(EventType.DECOY_IDENTITY_REJECTED));

        assertThat(golden.has("accountId")).isFalse();
        golden.put("accountId", "5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13");
        assertThat(EventSchemas.violations(EventType.DECOY_IDENTITY_REJECTED, golden.toString()))
                .anyMatch(v -> v.contains("accountId"));
    }

    static Stream<Arguments> requiredFields() {
        return Stream.of(EventType.values()).flatMap(type -> {
            JsonNode required = tree(resource(type.schemaResource())).get("required");
            return StreamSupport.stream(required.spliterator(), false).map(f -> Arguments.of(type, f.asText()));
        });
    }

    /** Every object below the top level of each golden, as a JSON pointer. */
    static Stream<Arguments> nestedObjects() {
        return Stream.of(EventType.values()).flatMap(type -> {
            List<String> pointers = new ArrayList<>();
            collectObjects(tree(golden(type)), "", pointers);
            return pointers.stream().map(pointer -> Arguments.of(type, pointer));
        });
    }

    private static void collectObjects(JsonNode node, String pointer, List<String> found) {
        node.properties().forEach(field -> {
            String child = pointer + "/" + field.getKey();
            if (field.getValue().isObject()) {
                found.add(child);
                collectObjects(field.getValue(), child, found);
            }
        });
    }

    private static String golden(EventType type) {
        return resource(type.exampleResource());
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = EventRoundTripTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
