package dev.lifeline.identity.readiness;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.identity.readiness.RecoveryReadiness.EmailState;
import dev.lifeline.identity.readiness.RecoveryReadiness.Facts;
import dev.lifeline.identity.readiness.RecoveryReadiness.PhoneState;
import dev.lifeline.identity.readiness.RecoveryReadiness.Rating;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryReadinessRulesTest {

    private static final List<IdentityFact> ALL_FACTS =
            List.of(IdentityFact.ID_NUMBER, IdentityFact.BANK_CARD, IdentityFact.REGISTRATION);

    @Test
    void aVerifiedEmailWithIdentityFactsAndRecoveryCodesIsStrongAndOnlyLacksASecondFactor() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.ACTIVE, 3, ALL_FACTS, 10, false, true);

        assertThat(RecoveryReadiness.rate(facts)).isEqualTo(Rating.STRONG);
        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.ADD_SECOND_FACTOR);
    }

    @Test
    void theMainCaseWithoutCodesIsGoodAndIsAdvisedToSaveCodesAndBindANewPhone() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.SUSPENDED, 3, ALL_FACTS, 0, false, true);

        assertThat(RecoveryReadiness.rate(facts)).isEqualTo(Rating.GOOD);
        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.BIND_NEW_PHONE,
                Advice.SET_UP_RECOVERY_CODES, Advice.ADD_SECOND_FACTOR);
    }

    @Test
    void codesWithoutKycAreGoodAndAskForIdentityDetails() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.ACTIVE, 0, List.of(), 4, true, true);

        assertThat(RecoveryReadiness.rate(facts)).isEqualTo(Rating.GOOD);
        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.ADD_IDENTITY_DETAILS);
    }

    @Test
    void fewCodesLeftAreToBeRenewed() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.ACTIVE, 2, ALL_FACTS, 2, true, true);

        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.RENEW_RECOVERY_CODES);
    }

    @Test
    void anMfaAccountsCodesDoNotReplaceIdentityProofingSoTheyAddNoRoute() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.ACTIVE, 0, List.of(), 10, true, false);

        assertThat(RecoveryReadiness.rate(facts)).isEqualTo(Rating.WEAK);
        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.ADD_IDENTITY_DETAILS);
    }

    @Test
    void withoutAVerifiedEmailOnlySupportCanHelpSoItIsWeak() {
        Facts unverified = new Facts(EmailState.UNVERIFIED, PhoneState.SUSPENDED, 3, ALL_FACTS, 10, false, true);

        assertThat(RecoveryReadiness.rate(unverified)).isEqualTo(Rating.WEAK);
        assertThat(RecoveryReadiness.advise(unverified)).startsWith(Advice.VERIFY_EMAIL, Advice.BIND_NEW_PHONE);
    }

    @Test
    void noEmailAndNothingOnFileIsAtRisk() {
        Facts facts = new Facts(EmailState.NONE, PhoneState.NONE, 0, List.of(), 0, false, true);

        assertThat(RecoveryReadiness.rate(facts)).isEqualTo(Rating.AT_RISK);
        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.ADD_EMAIL, Advice.ADD_PHONE,
                Advice.SET_UP_RECOVERY_CODES, Advice.ADD_IDENTITY_DETAILS, Advice.ADD_SECOND_FACTOR);
    }

    @Test
    void factsWithoutSecurityQuestionsAskForQuestions() {
        Facts facts = new Facts(EmailState.VERIFIED, PhoneState.ACTIVE, 0, List.of(IdentityFact.ID_NUMBER), 10, true,
                true);

        assertThat(RecoveryReadiness.advise(facts)).containsExactly(Advice.ADD_SECURITY_QUESTIONS);
    }

    @Test
    void everyAdviceHasAMessageInChineseAndEnglish() {
        for (Advice advice : Advice.values()) {
            assertThat(advice.message("en")).isNotBlank().matches("\\p{IsLatin}.*");
            assertThat(advice.message("zh-CN")).isNotBlank().containsPattern("\\p{IsHan}");
        }
    }
}
