package dev.lifeline.kyc.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResidentIdNumberTest {

    /** Noon of 14 March 2025 in Beijing. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2025-03-14T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    /*
     * The two examples published in GB 11643-1999, checked by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
     *
     * 11010519491231002X: 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5
     *                     + 0·8 + 0·4 + 2·2 = 167; 167 mod 11 = 2; "10X98765432"[2] = X.  Valid.
     * 440524188001010014: 4·7 + 4·9 + 0·10 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5
     *                     + 0·8 + 0·4 + 1·2 = 195; 195 mod 11 = 8; "10X98765432"[8] = 4.  Check digit valid,
     *                     but the holder was born on 1 January 1880, before the earliest birth year we accept.
     * 440524198001010013: the same with 1980 for 1880; the changed digit has weight 1, so the sum is 196;
     *                     196 mod 11 = 9; "10X98765432"[9] = 3.  Valid.
     */
    private static final String PUBLISHED_WITH_X = "11010519491231002X";
    private static final String PUBLISHED_BORN_1880 = "440524188001010014";
    private static final String BORN_1980 = "440524198001010013";

    @Test
    void acceptsThePublishedExampleWhoseCheckCharacterIsX() {
        assertThat(ResidentIdNumber.parse(PUBLISHED_WITH_X, TODAY).canonical()).isEqualTo(PUBLISHED_WITH_X);
    }

    @Test
    void acceptsANumberWhoseCheckDigitWasVerifiedByHand() {
        assertThat(ResidentIdNumber.parse(BORN_1980, TODAY).canonical()).isEqualTo(BORN_1980);
    }

    @Test
    void computesTheHandCheckedCheckCharactersOfThePublishedExamples() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void refusesThePublishedExampleBornIn1880ForItsBirthDateNotItsCheckDigit() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(PUBLISHED_BORN_1880, TODAY))
                .withMessage("ID number's birth date is not valid");
    }

    @Test
    void parsesWithTheSystemClockWhenNoneIsGiven() {
        assertThat(ResidentIdNumber.parse(PUBLISHED_WITH_X).canonical()).isEqualTo(PUBLISHED_WITH_X);
    }

    @Test
    void aLowerCaseXIsCanonicalisedToUpperCase() {
        assertThat(ResidentIdNumber.parse("11010519491231002x", TODAY).canonical()).isEqualTo(PUBLISHED_WITH_X);
    }

    @Test
    void fullWidthDigitsAndXAreAccepted() {
        assertThat(ResidentIdNumber.parse("１１０１０５１９４９１２３１００２Ｘ", TODAY).canonical())
                .isEqualTo(PUBLISHED_WITH_X);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 11010519491231002X ", "\t11010519491231002X\n", "\u300011010519491231002X\u3000",
            "\u00A011010519491231002X\u00A0"})
    void surroundingWhitespaceIsIgnored(String typed) {
        assertThat(ResidentIdNumber.parse(typed, TODAY).canonical()).isEqualTo(PUBLISHED_WITH_X);
    }

    @Test
    void aNumberWithTheWrongCheckDigitIsRefused() {
        // The first 17 digits of the published example with 1 instead of its check character X.
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse("110105194912310021", TODAY))
                .withMessage("ID number's check digit does not match");
    }

    @Test
    void aSingleMistypedDigitIsCaughtByTheCheckDigit() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse("11010519491231012X", TODAY))
                .withMessage("ID number's check digit does not match");
    }

    @Test
    void twoSwappedDigitsAreCaughtByTheCheckDigit() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse("11010159491231002X", TODAY))
                .withMessage("ID number's check digit does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105491231002", "11010519491231002", "11010519491231002X0", "110105 19491231002X"})
    void aNumberThatIsNotEighteenCharactersLongIsRefused(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(typed, TODAY))
                .withMessage("ID number must be 18 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingNumberIsRefused(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(typed, TODAY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002Y", "1101051949123100X2", "11010519491231-02X",
            "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X"})
    void charactersOtherThanDigitsAndAFinalXAreRefused(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(typed, TODAY))
                .withMessage("ID number must be 17 digits followed by a digit or X");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "110105194902300020", // 30 February 1949
            "110105194913010029", // month 13
            "110105194912000021", // day 0
            "11010519490431002X", // 31 April 1949
            "110105190002290025", // 29 February 1900: 1900 was no leap year
            "110105194902290029"  // 29 February 1949
    })
    void aBirthDateThatDoesNotExistIsRefused(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(typed, TODAY))
                .withMessage("ID number's birth date is not valid");
    }

    @Test
    void aLeapDayIsABirthDate() {
        assertThat(ResidentIdNumber.parse("110105200002290021", TODAY).canonical()).isEqualTo("110105200002290021");
    }

    @Test
    void theFirstOfJanuary1900IsTheEarliestBirthDateAccepted() {
        assertThat(ResidentIdNumber.parse("110105190001010028", TODAY).canonical()).isEqualTo("110105190001010028");
    }

    @Test
    void aBirthDateBefore1900IsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse("110105189912310023", TODAY))
                .withMessage("ID number's birth date is not valid");
    }

    @Test
    void aBirthDateTomorrowIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse("110105202503150026", TODAY))
                .withMessage("ID number's birth date is not valid");
    }

    @Test
    void aBirthDateTodayIsAccepted() {
        assertThat(ResidentIdNumber.parse("110105202503140020", TODAY).canonical()).isEqualTo("110105202503140020");
    }

    @Test
    void todayIsChinasDateEvenWhileItIsStillYesterdayInUtc() {
        Clock utcBeforeMidnight = Clock.fixed(Instant.parse("2025-03-13T16:30:00Z"), ZoneOffset.UTC);

        assertThat(ResidentIdNumber.parse("110105202503140020", utcBeforeMidnight).canonical())
                .isEqualTo("110105202503140020");
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "110105491231002", "11010519491231002Y", "110105194902300020",
            "440524188001010014", "１１０１０５１９４９１２３１００２１"})
    void errorMessagesNeverRepeatTheNumber(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.parse(typed, TODAY))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\d{3}"));
    }

    @Test
    void theMaskedFormShowsTheFirstFourAndLastFourCharacters() {
        assertThat(ResidentIdNumber.parse(PUBLISHED_WITH_X, TODAY).masked()).isEqualTo("1101**********002X");
    }

    @Test
    void toStringIsTheMaskedFormSoLogsNeverShowTheNumber() {
        ResidentIdNumber number = ResidentIdNumber.parse(BORN_1980, TODAY);

        assertThat(number.toString()).isEqualTo("4405**********0013").doesNotContain("19800101");
    }

    @Test
    void theSameNumberTypedDifferentlyIsEqual() {
        ResidentIdNumber typedNeatly = ResidentIdNumber.parse(PUBLISHED_WITH_X, TODAY);
        ResidentIdNumber typedSloppily = ResidentIdNumber.parse(" １１０１０５１９４９１２３１００２x ", TODAY);

        assertThat(typedSloppily).isEqualTo(typedNeatly).hasSameHashCodeAs(typedNeatly);
    }

    @Test
    void differentNumbersAreNotEqual() {
        assertThat(ResidentIdNumber.parse(PUBLISHED_WITH_X, TODAY))
                .isNotEqualTo(ResidentIdNumber.parse(BORN_1980, TODAY));
    }
}
