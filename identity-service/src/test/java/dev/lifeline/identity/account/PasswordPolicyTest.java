package dev.lifeline.identity.account;

import dev.lifeline.identity.account.PasswordPolicy.Reason;
import dev.lifeline.identity.account.PasswordPolicy.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private static final List<String> ACCOUNT = List.of("zhangwei88", "zhang.wei@example.com", "+8613812345678");

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void sevenCharactersAreTooShort() {
        assertThat(reasons(policy.check("k7#Vm!2", ACCOUNT))).containsExactly(Reason.TOO_SHORT);
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // Four emoji are eight UTF-16 units but four characters.
        assertThat(reasons(policy.check("🐼🎋🏮🧧", ACCOUNT))).containsExactly(Reason.TOO_SHORT);
    }

    @Test
    void eightUnpredictableCharactersAreAccepted() {
        assertThat(policy.check("q7#Vm!2x", ACCOUNT)).isEmpty();
    }

    @Test
    void sixtyFourCharactersAreAccepted() {
        String sixtyFour = "The quiet harbour lamps flicker while seven gulls argue over bre";

        assertThat(sixtyFour).hasSize(64);
        assertThat(policy.check(sixtyFour, ACCOUNT)).isEmpty();
    }

    @Test
    void moreThanOneHundredTwentyEightCharactersAreTooLong() {
        String tooLong = "x7Qp".repeat(32) + "z";

        assertThat(reasons(policy.check(tooLong, ACCOUNT))).containsExactly(Reason.TOO_LONG);
    }

    @Test
    void aCommonPasswordIsRefusedAsCommon() {
        List<Violation> violations = policy.check("password123", ACCOUNT);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.reason()).isEqualTo(Reason.COMMON);
            assertThat(violation.message()).contains("common password");
            assertThat(violation.suggestions()).isNotEmpty();
        });
    }

    @Test
    void aPasswordBuiltFromTheUsernameIsRefused() {
        assertThat(reasons(policy.check("zhangwei88!", ACCOUNT))).containsExactly(Reason.CONTAINS_ACCOUNT_DATA);
    }

    @Test
    void aPasswordBuiltFromTheEmailAddressIsRefused() {
        assertThat(reasons(policy.check("Zhang.Wei.2024", ACCOUNT))).containsExactly(Reason.CONTAINS_ACCOUNT_DATA);
    }

    @Test
    void aPasswordBuiltFromTheServiceNameIsRefused() {
        assertThat(reasons(policy.check("lifeline2025", ACCOUNT))).containsExactly(Reason.CONTAINS_ACCOUNT_DATA);
    }

    @Test
    void aRepeatedCharacterIsRefusedAsWeak() {
        assertThat(reasons(policy.check("aaaaaaaaaaaaaaaa", ACCOUNT))).containsExactly(Reason.TOO_WEAK);
    }

    @Test
    void aStrongPassphraseWithoutDigitsOrSymbolsIsAccepted() {
        assertThat(policy.check("mango tractor velvet glacier", ACCOUNT)).isEmpty();
    }

    @Test
    void adviceIsInChineseForAChineseLocale() {
        List<Violation> violations = policy.check("password123", ACCOUNT, Locale.forLanguageTag("zh-CN"));

        assertThat(violations).singleElement()
                .satisfies(violation -> assertThat(violation.message()).contains("密码"));
    }

    @Test
    void theUsernameEmailLocalPartAndTheirWordsAllCountAsAccountData() {
        assertThat(PasswordPolicy.accountWords(List.of("zhang.wei@example.com")))
                .contains("zhang.wei@example.com", "zhang.wei", "zhang", "wei", "example");
    }

    @Test
    void oneOfTheMostCommonPasswordsIsRefusedWholeWhateverItsCase() {
        assertThat(reasons(policy.check("QwertyUIOP", ACCOUNT))).containsExactly(Reason.COMMON);
        assertThat(reasons(policy.check("q1w2e3r4t5", ACCOUNT))).containsExactly(Reason.COMMON);
    }

    @Test
    void theBlocklistHoldsNbvcxzsHundredThousandMostCommonPasswordsCaseFolded() {
        assertThat(PasswordBlocklist.mostCommon(100_000).size()).isGreaterThan(95_000);
        assertThat(PasswordBlocklist.mostCommon(10).contains("123456")).isTrue();
    }

    @Test
    void sixtyFiveEmojiAreSixtyFiveCharactersNotTooLong() {
        String emoji = "\uD83D\uDC3C\uD83C\uDF8B\uD83C\uDFEE\uD83E\uDDE7\uD83D\uDD11";
        String sixtyFive = emoji.repeat(13);

        assertThat(sixtyFive.codePointCount(0, sixtyFive.length())).isEqualTo(65);
        assertThat(reasons(policy.check(sixtyFive, ACCOUNT))).doesNotContain(Reason.TOO_LONG, Reason.TOO_SHORT);
    }

    @Test
    void pastTheEstimatorsTimeBoundOnlyLengthBlocklistAndAccountDataDecide() {
        PasswordPolicy hurried = new PasswordPolicy(PasswordBlocklist.mostCommon(100_000), Duration.ZERO, 1,
                java.util.Optional.empty());

        assertThat(hurried.check("aaaaaaaaaaaaaaaa", ACCOUNT)).isEmpty(); // too weak for the estimator
        assertThat(reasons(hurried.check("password123", ACCOUNT))).containsExactly(Reason.COMMON);
        assertThat(reasons(hurried.check("zhangwei88-and-more", ACCOUNT))).containsExactly(Reason.CONTAINS_ACCOUNT_DATA);
    }

    private static List<Reason> reasons(List<Violation> violations) {
        return violations.stream().map(Violation::reason).toList();
    }
}
