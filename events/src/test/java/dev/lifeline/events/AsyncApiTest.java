package dev.lifeline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document describes the same topics, messages and schemas as the code. */
class AsyncApiTest {
    private static final String DOCUMENT = "lifeline/asyncapi.yaml";

    private static JsonNode asyncApi;

    @BeforeAll
    static void readDocument() throws IOException {
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(EventRoundTripTest.resource(DOCUMENT));
    }

    @Test
    void namesEveryTopic() {
        assertThat(channelAddresses()).containsAll(Topics.ALL);
    }

    @Test
    void namesTheDeadLetterTopicOfEveryTopic() {
        assertThat(channelAddresses()).containsAll(Topics.ALL.stream().map(Topics::deadLetter).toList());
    }

    @Test
    void referencesEverySchemaFileThatExists() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("lifeline/schemas")).toURI());
        List<String> schemaFiles;
        try (Stream<Path> files = Files.list(dir)) {
            schemaFiles = files.map(f -> "lifeline/schemas/" + f.getFileName()).toList();
        }

        assertThat(schemaFiles).isNotEmpty();
        assertThat(externalRefs()).containsAll(schemaFiles);
    }

    @Test
    void everyReferencedFileExists() {
        assertThat(externalRefs()).isNotEmpty().allSatisfy(ref ->
                assertThat(getClass().getClassLoader().getResource(ref)).as(ref).isNotNull());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void describesEachEventTypeOnItsTopicWithItsCeTypeAndSchema(EventType type) {
        JsonNode channel = channels().filter(c -> c.path("address").asText().equals(type.topic()))
                .findFirst().orElseThrow();
        JsonNode message = resolve(channel.path("messages").path(type.eventName()));

        assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asText()).isEqualTo(type.ceType());
        assertThat(message.at("/headers/allOf/1/properties/ce_source/const").asText()).isEqualTo(type.source());
        assertThat("lifeline/" + message.at("/payload/schema/$ref").asText()).isEqualTo(type.schemaResource());
    }

    /**
     * The key and correlation id a consumer is told are those the producer uses: the event's subject, the accountId
     * for account events and the recoveryId for the others (issue 28.3: one trait said recoveryId for all).
     */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void describesEachEventTypesKeyAsItsSubject(EventType type) {
        JsonNode channel = channels().filter(c -> c.path("address").asText().equals(type.topic()))
                .findFirst().orElseThrow();
        JsonNode message = resolve(channel.path("messages").path(type.eventName()));
        JsonNode trait = resolve(message.path("traits").path(0));
        String subject = AccountEvent.class.isAssignableFrom(type.recordClass()) ? "accountId" : "recoveryId";

        assertThat(trait.at("/bindings/kafka/key/description").asText()).startsWith("The " + subject);
        assertThat(trait.at("/correlationId/description").asText()).startsWith("The " + subject);
        assertThat(trait.at("/correlationId/location").asText()).isEqualTo("$message.header#/ce_subject");
    }

    @Test
    void isAnAsyncApi31Document() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.1.0");
    }

    private static Stream<JsonNode> channels() {
        List<JsonNode> channels = new ArrayList<>();
        asyncApi.path("channels").elements().forEachRemaining(channels::add);
        return channels.stream();
    }

    private static List<String> channelAddresses() {
        return channels().map(c -> c.path("address").asText()).toList();
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.startsWith("#") ? asyncApi.at(ref.substring(1)) : node;
    }

    /** $refs to files, relative to the document, as classpath resources. */
    private static List<String> externalRefs() {
        List<String> refs = new ArrayList<>();
        collectRefs(asyncApi, refs);
        return refs.stream().filter(r -> !r.startsWith("#")).map(r -> "lifeline/" + r).toList();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        node.properties().forEach(f -> {
            if (f.getKey().equals("$ref")) {
                refs.add(f.getValue().asText());
            }
        });
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }
}
