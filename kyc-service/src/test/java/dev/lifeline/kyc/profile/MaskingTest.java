package dev.lifeline.kyc.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MaskingTest {

    @Test
    void aTwoCharacterChineseNameKeepsItsSurname() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
    }

    @Test
    void aCompoundSurnameShowsOnlyItsFirstCharacter() {
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
    }

    @Test
    void aLatinNameKeepsItsFirstLetter() {
        assertThat(Masking.name("Alice")).isEqualTo("A****");
    }

    @Test
    void aSupplementaryCharacterFirstIsKeptWhole() {
        // 𠮷 (U+20BB7) is two Java chars; cutting after one would leave half a surrogate pair.
        assertThat(Masking.name("𠮷田")).isEqualTo("𠮷*");
    }

    @Test
    void aSupplementaryCharacterLaterCountsAsOneAsterisk() {
        assertThat(Masking.name("田𠮷")).isEqualTo("田*");
    }

    @Test
    void aOneCharacterNameIsMaskedEntirely() {
        assertThat(Masking.name("张")).isEqualTo("*");
    }

    @Test
    void aOneSupplementaryCharacterNameIsMaskedEntirely() {
        assertThat(Masking.name("𠮷")).isEqualTo("*");
    }

    @Test
    void anAccentTypedAsACombiningMarkDoesNotAddAnAsterisk() {
        assertThat(Masking.name("E\u0301mile")).isEqualTo("É****");
    }

    @Test
    void surroundingWhitespaceIsNotShownOrCounted() {
        assertThat(Masking.name(" 张三\u3000")).isEqualTo("张*");
    }

    @Test
    void anEmptyNameMasksToEmpty() {
        assertThat(Masking.name("")).isEmpty();
    }

    @Test
    void aCardShowsItsIssuerAndLastFourDigits() {
        assertThat(Masking.card("ICBC", "4321")).isEqualTo("ICBC ****4321");
    }

    @Test
    void aCardsFullWidthIssuerAndDigitsAreShownHalfWidth() {
        assertThat(Masking.card("ＩＣＢＣ ", "４３２１")).isEqualTo("ICBC ****4321");
    }

    @Test
    void aCardIssuerWrittenInChineseIsKept() {
        assertThat(Masking.card("中国工商银行", "4321")).isEqualTo("中国工商银行 ****4321");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000"})
    void aCardWithoutIssuerIsRefused(String issuer) {
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.card(issuer, "4321"));
    }

    @Test
    void aCardWithInvalidLastFourIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.card("ICBC", "432"));
    }

    @Test
    void lastFourAcceptsFourAsciiDigitsIncludingLeadingZeros() {
        assertThat(Masking.last4("0042")).isEqualTo("0042");
    }

    @Test
    void lastFourAcceptsFullWidthDigits() {
        assertThat(Masking.last4("４３２１")).isEqualTo("4321");
    }

    @Test
    void lastFourIgnoresSurroundingWhitespace() {
        assertThat(Masking.last4(" 4321\u3000")).isEqualTo("4321");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"432", "54321", "43a1", "43 21", "-432", "٤٣٢١", "432𠮷", "6222021234564321"})
    void lastFourRefusesAnythingButFourDigits(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.last4(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"98765", "6222021234569876", "987"})
    void lastFourErrorsNeverRepeatTheInput(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> Masking.last4(typed))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(typed).doesNotContainPattern("\\d{2}"));
    }
}
