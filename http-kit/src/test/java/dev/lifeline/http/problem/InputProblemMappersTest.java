package dev.lifeline.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InputProblemMappersTest {

    record Start(String identifier) {
    }

    record Contacts(String email, String phone) {
    }

    record Profile(String name, Contacts contacts, List<Contacts> previous) {
    }

    private final ObjectMapper strict = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void aKeyGivenTwiceIsA400NamingTheKey() {
        Response response = InputProblemMappers.unreadable(failure(strict, "{\"identifier\": \"a\", \"identifier\": \"b\"}", Start.class), "/x");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) response.getEntity())
                .contains("\"field\":\"identifier\"")
                .contains("appears more than once");
    }

    @Test
    void aNestedKeyGivenTwiceIsNamedByItsPath() {
        assertThat(violationField("{\"name\": \"n\", \"contacts\": {\"email\": \"a\", \"email\": \"b\"}}"))
                .isEqualTo("contacts.email");
        assertThat(violationField("{\"previous\": [{\"phone\": \"1\"}, {\"phone\": \"2\", \"phone\": \"3\"}]}"))
                .isEqualTo("previous[1].phone");
    }

    @Test
    void aRecordCreatorGivenAKeyTwiceWithoutDuplicateDetectionIsStillA400() {
        // What Jackson does without StrictJson's duplicate detection: an InvalidDefinitionException while reading,
        // which quarkus-rest-jackson's own mapper turned into an empty 500.
        InvalidDefinitionException e = failure(JsonMapper.builder().build(),
                "{\"identifier\": \"a\", \"identifier\": \"b\"}", Start.class);

        assertThat(InputProblemMappers.respondToUndefinable(e, "/x").getStatus()).isEqualTo(400);
    }

    @Test
    void aTypeThatCannotBeWrittenIsNotTheCallersFault() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> JsonMapper.builder().build().writeValueAsString(new Object()));

        assertThat(InputProblemMappers.respondToUndefinable(e, "/x").getStatus()).isEqualTo(500);
    }

    private String violationField(String json) {
        String entity = (String) InputProblemMappers.unreadable(failure(strict, json, Profile.class), "/x").getEntity();
        return entity.replaceAll("(?s).*\"field\":\"([^\"]*)\".*", "$1");
    }

    @SuppressWarnings("unchecked")
    private static <E extends JsonProcessingException> E failure(ObjectMapper mapper, String json, Class<?> type) {
        return (E) catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, type));
    }
}
