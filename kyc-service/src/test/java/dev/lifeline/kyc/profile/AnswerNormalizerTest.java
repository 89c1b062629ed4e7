package dev.lifeline.kyc.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnswerNormalizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Beijing", " BEIJING ", "Ｂｅｉｊｉｎｇ", "bei-jing!", "Bei Jing.", "\u3000ＢＥＩ　ＪＩＮＧ！"})
    void latinAnswersDifferingInCaseSpacingWidthOrPunctuationNormaliseAlike(String typed) {
        assertThat(AnswerNormalizer.normalize(typed)).isEqualTo("beijing");
    }

    @Test
    void chineseCharactersAreKept() {
        assertThat(AnswerNormalizer.normalize("北京")).isEqualTo("北京");
    }

    @ParameterizedTest
    @ValueSource(strings = {"北 京", "北\u3000京", " 北京 ", "北京。", "《北京》", "「北京」", "北，京！", "北京？", "北、京"})
    void chineseAnswersDifferingInSpacingOrPunctuationNormaliseAlike(String typed) {
        assertThat(AnswerNormalizer.normalize(typed)).isEqualTo(AnswerNormalizer.normalize("北京"));
    }

    @Test
    void differentChineseAnswersStayDifferent() {
        assertThat(AnswerNormalizer.normalize("北京")).isNotEqualTo(AnswerNormalizer.normalize("南京"));
    }

    @Test
    void fullWidthDigitsBecomeAsciiDigits() {
        assertThat(AnswerNormalizer.normalize("１９９０")).isEqualTo("1990");
    }

    @Test
    void digitsAndLettersAreKeptTogether() {
        assertThat(AnswerNormalizer.normalize("Room 1203, Block B")).isEqualTo("room1203blockb");
    }

    @Test
    void symbolsAreDropped() {
        assertThat(AnswerNormalizer.normalize("¥100 + $5 = ©™")).isEqualTo("1005tm");
    }

    @Test
    void invisibleCharactersAreDropped() {
        assertThat(AnswerNormalizer.normalize("北\u200B京\uFEFF\u0007")).isEqualTo("北京");
    }

    @Test
    void sharpSFoldsToDoubleS() {
        assertThat(AnswerNormalizer.normalize("Straße")).isEqualTo(AnswerNormalizer.normalize("STRASSE"));
    }

    @Test
    void greekFinalSigmaFoldsLikeAnyOtherSigma() {
        assertThat(AnswerNormalizer.normalize("ΟΔΟΣ ΑΒ")).isEqualTo(AnswerNormalizer.normalize("οδοσαβ"));
    }

    @Test
    void lettersOfOtherScriptsAreKeptAndLowerCased() {
        assertThat(AnswerNormalizer.normalize("Москва")).isEqualTo("москва");
    }

    @Test
    void combiningMarksAreKeptSoDifferentWordsStayDifferent() {
        // कि (ka with the vowel sign i) and क (ka) are different syllables in Devanagari.
        assertThat(AnswerNormalizer.normalize("किताब")).isNotEqualTo(AnswerNormalizer.normalize("कताब"));
    }

    @Test
    void charactersOutsideTheBasicMultilingualPlaneAreKept() {
        assertThat(AnswerNormalizer.normalize("𠮷野家")).isEqualTo("𠮷野家");
    }

    @Test
    void anAccentTypedAsACombiningMarkEqualsTheComposedLetter() {
        assertThat(AnswerNormalizer.normalize("Cafe\u0301")).isEqualTo(AnswerNormalizer.normalize("CAFÉ"));
    }

    @Test
    void theServersDefaultLocaleDoesNotChangeTheResult() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            assertThat(AnswerNormalizer.normalize("ISTANBUL")).isEqualTo("istanbul");
        } finally {
            Locale.setDefault(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Beijing", "ＢＥＩ　ＪＩＮＧ！", "Straße", "ΟΔΟΣ ΑΒ", "İstanbul", "ﬁnance", "《北京》", "किताब"})
    void normalisingTwiceChangesNothing(String typed) {
        String once = AnswerNormalizer.normalize(typed);

        assertThat(AnswerNormalizer.normalize(once)).isEqualTo(once);
    }

    @Test
    void anAnswerOfOnlyPunctuationNormalisesToEmpty() {
        assertThat(AnswerNormalizer.normalize("!!!")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "   ", "\u3000", "。，！？", "---"})
    void anAnswerWithoutLettersOrDigitsIsBlankAfterNormalising(String typed) {
        assertThat(AnswerNormalizer.isBlankAfterNormalizing(typed)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "!a!", "北", "0"})
    void anAnswerWithALetterOrDigitIsNotBlankAfterNormalising(String typed) {
        assertThat(AnswerNormalizer.isBlankAfterNormalizing(typed)).isFalse();
    }

    @Test
    void aMissingAnswerIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AnswerNormalizer.normalize(null));
    }
}
