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
    void c1BidiZeroWidthSeparatorAndUnpairedSurrogateCharactersAreRefused() {
        for (String invisible : List.of("\\u0085", "\\u009b", "\\u202e", "\\u2066", "\\u2069", "\\u200e", "\\u061c",
                "\\u200b", "\\u200c", "\\u200d", "\\u2060", "\\ufeff", "\\u2028", "\\u2029", "\\ud800", "\\udc00")) {
            assertThatThrownBy(() -> json.readValue("{\"identifier\": \"li" + invisible + "wei\"}", Start.class))
                    .as(invisible).isInstanceOf(StrictJson.ControlCharacterException.class);
        }
    }

    @Test
    void freeTextKeepsJoinersAndLineSeparatorsButNotBidiControls() throws Exception {
        assertThat(json.readValue("{\"reason\": \"\\ud83d\\udc68\\u200d\\ud83d\\udcbb \\u2028 \\u200c\"}", Cancel.class).reason())
                .contains("\u200d", "\u2028", "\u200c");
        assertThatThrownBy(() -> json.readValue("{\"reason\": \"a\\u202eb\"}", Cancel.class))
                .isInstanceOf(StrictJson.ControlCharacterException.class);
    }

    @Test
    void charactersOutsideTheBasicPlaneArePairedSurrogatesAndPass() throws Exception {
        assertThat(json.readValue("{\"identifier\": \"\\ud840\\udc0b li\"}", Start.class).identifier()).isEqualTo("\ud840\udc0b li");
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
    void aFieldTheRequestDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"identifier\": \"a\", \"x\": \"y\"}", Start.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class);
    }

    @Test
    void ordinaryTextPassesUnchanged() throws Exception {
        assertThat(json.readValue("{\"identifier\": \"李伟 li.wei@example.com\"}", Start.class).identifier())
                .isEqualTo("李伟 li.wei@example.com");
    }
}
