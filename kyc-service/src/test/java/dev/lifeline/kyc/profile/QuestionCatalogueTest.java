package dev.lifeline.kyc.profile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue, and the migration that maps the questions owners typed before it onto its keys. */
class QuestionCatalogueTest {

    @Test
    void everyQuestionHasAnEnglishAndAChineseText() {
        for (String key : QuestionCatalogue.KEYS) {
            assertThat(QuestionCatalogue.text(key, "en")).as(key).endsWith("?");
            assertThat(QuestionCatalogue.text(key, "zh-CN")).as(key).endsWith("？");
        }
        assertThat(QuestionCatalogue.KEYS).hasSize(8).allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void aTextInEitherLanguageNamesItsKeyAndAnyOtherNone() {
        for (String key : QuestionCatalogue.KEYS) {
            for (String language : List.of("en", "zh-CN")) {
                assertThat(QuestionCatalogue.keyOf(QuestionCatalogue.text(key, language))).contains(key);
            }
        }
        assertThat(QuestionCatalogue.keyOf("Your first pet's name?")).isEmpty();
    }

    @Test
    void theMigrationMapsEveryCatalogueTextOntoItsKey() throws IOException {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V5__security_question_keys.sql")) {
            assertThat(in).isNotNull();
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String key : QuestionCatalogue.KEYS) {
            for (String language : List.of("en", "zh-CN")) {
                String text = QuestionCatalogue.text(key, language).replace("'", "''");
                assertThat(migration).contains("('" + key + "', '" + text + "')");
            }
        }
    }
}
