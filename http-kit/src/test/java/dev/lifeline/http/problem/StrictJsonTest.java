package dev.lifeline.http.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    record Start(String identifier) {
    }

    record Cancel(@AllowsNewlines String reason, List<String> tags) {
    }

    record Counted(int count, boolean flag) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void aNumberWhereAStringBelongsIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"identifier\": 12}", Start.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aBooleanArrayOrObjectWhereAStringBelongsIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"identifier\": true}", Start.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"identifier\": [\"a\"]}", Start.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"identifier\": {}}", Start.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aStringWhereANumberOrBooleanBelongsIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"count\": \"3\", \"flag\": true}", Counted.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"count\": 3, \"flag\": \"true\"}", Counted.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aNulOrOtherControlCharacterInAStringIsRefused() {
        for (String control : List.of("\\u0000", "\\u0007", "\\n", "\\u001b", "\\u007f")) {
            assertThatThrownBy(() -> json.readValue("{\"identifier\": \"li" + control + "wei\"}", Start.class))
                    .as(control).isInstanceOf(StrictJson.ControlCharacterException.class);
        }
    }

    @Test
    void newlinesPassOnlyWhereAFieldAllowsThem() throws Exception {
        assertThat(json.readValue("{\"reason\": \"line one\\nline two\"}", Cancel.class).reason()).contains("\n");
        assertThatThrownBy(() -> json.readValue("{\"reason\": \"nul\\u0000\"}", Cancel.class))
                .isInstanceOf(StrictJson.ControlCharacterException.class);
        assertThatThrownBy(() -> json.readValue("{\"tags\": [\"a\\nb\"]}", Cancel.class))
                .isInstanceOf(StrictJson.ControlCharacterException.class);
    }

    @Test
    void aKeyGivenTwiceInOneObjectIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"identifier\": \"a\", \"identifier\": \"b\"}", Start.class))
                .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
                .hasMessageContaining("Duplicate field 'identifier'");
    }

    @Test
    void ordinaryTextPassesUnchanged() throws Exception {
        assertThat(json.readValue("{\"identifier\": \"李伟 li.wei@example.com\"}", Start.class).identifier())
                .isEqualTo("李伟 li.wei@example.com");
    }
}
