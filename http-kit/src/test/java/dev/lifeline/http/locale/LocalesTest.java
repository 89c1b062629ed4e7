package dev.lifeline.http.locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalesTest {

    @Test
    void tagsMapToTheSupportedLanguageOfTheirLanguage() {
        assertThat(Locales.supported("zh-CN")).isEqualTo("zh-CN");
        assertThat(Locales.supported("zh")).isEqualTo("zh-CN");
        assertThat(Locales.supported("en-GB")).isEqualTo("en");
        assertThat(Locales.supported("fr")).isEqualTo("en");
        assertThat(Locales.supported(null)).isEqualTo("en");
    }

    @Test
    void acceptLanguagePicksTheFirstSupportedRangeAndSurvivesGarbage() {
        assertThat(Locales.ofAcceptLanguage("fr-FR, zh;q=0.8, en;q=0.5")).isEqualTo("zh-CN");
        assertThat(Locales.ofAcceptLanguage("de")).isEqualTo("en");
        assertThat(Locales.ofAcceptLanguage(";;;q=x")).isEqualTo("en");
        assertThat(Locales.ofAcceptLanguage(null)).isEqualTo("en");
    }
}
