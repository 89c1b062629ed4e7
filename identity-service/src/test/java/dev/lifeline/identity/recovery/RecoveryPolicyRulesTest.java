package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.identity.recovery.RecoveryPolicyRules.AccountFacts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.lifeline.events.Evidence.EMAIL;
import static dev.lifeline.events.Evidence.IDENTITY;
import static dev.lifeline.events.Evidence.RECOVERY_CODE;
import static org.assertj.core.api.Assertions.assertThat;

class RecoveryPolicyRulesTest {

    private static final Duration COOLING_OFF = Duration.ofHours(24);
    private static final RecoveryPolicy WITH_CODES = new RecoveryPolicy(List.of(EMAIL, IDENTITY),
            Assurance.SUBSTANTIAL, COOLING_OFF, List.of(List.of(EMAIL, RECOVERY_CODE)));

    private final RecoveryPolicyRules rules = new RecoveryPolicyRules(config(Assurance.SUBSTANTIAL));

    @Test
    void byDefaultEmailAndIdentityAtSubstantialAreRequired() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(true, false));

        assertThat(policy.required()).containsExactly(EMAIL, IDENTITY);
        assertThat(policy.assurance()).isEqualTo(Assurance.SUBSTANTIAL);
    }

    @Test
    void aSubstantialPolicyCarriesTheConfiguredCoolingOff() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(true, false));

        assertThat(policy.coolingOff()).isEqualTo(COOLING_OFF);
    }

    @Test
    void withoutAVerifiedEmailOnlyIdentityAtHighIsRequired() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(false, false));

        assertThat(policy.required()).containsExactly(IDENTITY);
        assertThat(policy.assurance()).isEqualTo(Assurance.HIGH);
    }

    @Test
    void anMfaAccountWithAVerifiedEmailNeedsEmailAndIdentityAtHigh() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(true, true));

        assertThat(policy.required()).containsExactly(EMAIL, IDENTITY);
        assertThat(policy.assurance()).isEqualTo(Assurance.HIGH);
    }

    @Test
    void anMfaAccountWithoutAVerifiedEmailNeedsIdentityAtHigh() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(false, true));

        assertThat(policy.required()).containsExactly(IDENTITY);
        assertThat(policy.assurance()).isEqualTo(Assurance.HIGH);
    }

    @Test
    void aHighPolicyCarriesNoCoolingOff() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(false, false));

        assertThat(policy.coolingOff()).isZero();
    }

    @Test
    void aConfiguredHighDefaultAssuranceAppliesToOrdinaryAccounts() {
        RecoveryPolicyRules strict = new RecoveryPolicyRules(config(Assurance.HIGH));

        RecoveryPolicy policy = strict.policyFor(new AccountFacts(true, false));

        assertThat(policy.required()).containsExactly(EMAIL, IDENTITY);
        assertThat(policy.assurance()).isEqualTo(Assurance.HIGH);
        assertThat(policy.coolingOff()).isZero();
    }

    @Test
    void withAVerifiedEmailARecoveryCodeMayReplaceIdentityProofing() {
        RecoveryPolicy policy = rules.policyFor(new AccountFacts(true, false));

        assertThat(policy.alternatives()).containsExactly(List.of(EMAIL, RECOVERY_CODE));
    }

    @Test
    void withoutAVerifiedEmailARecoveryCodeNeverCounts() {
        assertThat(rules.policyFor(new AccountFacts(false, false)).alternatives()).isEmpty();
        assertThat(rules.policyFor(new AccountFacts(false, false)).accepts(RECOVERY_CODE)).isFalse();
    }

    @Test
    void anMfaAccountStillNeedsIdentityAtHighUnlessConfiguredOtherwise() {
        assertThat(rules.policyFor(new AccountFacts(true, true)).alternatives()).isEmpty();

        RecoveryPolicyRules lenient = new RecoveryPolicyRules(config(Assurance.SUBSTANTIAL, true));
        RecoveryPolicy policy = lenient.policyFor(new AccountFacts(true, true));

        assertThat(policy.assurance()).isEqualTo(Assurance.HIGH);
        assertThat(policy.alternatives()).containsExactly(List.of(EMAIL, RECOVERY_CODE));
    }

    @Test
    void allOfTheRequiredEvidenceSatisfiesThePolicy() {
        assertThat(RecoveryPolicyRules.isSatisfied(WITH_CODES, Set.of(EMAIL, IDENTITY))).isTrue();
    }

    @Test
    void anAlternativeSatisfiesThePolicyOnItsOwn() {
        assertThat(RecoveryPolicyRules.isSatisfied(WITH_CODES, Set.of(EMAIL, RECOVERY_CODE))).isTrue();
    }

    @Test
    void aRecoveryCodeAloneOrWithNothingElseOfTheAlternativeDoesNot() {
        assertThat(RecoveryPolicyRules.isSatisfied(WITH_CODES, Set.of(RECOVERY_CODE))).isFalse();
        assertThat(RecoveryPolicyRules.isSatisfied(WITH_CODES, Set.of(IDENTITY, RECOVERY_CODE))).isFalse();
        assertThat(RecoveryPolicyRules.isSatisfied(WITH_CODES, Set.of(EMAIL))).isFalse();
    }

    @Test
    void withoutAlternativesOnlyTheRequiredEvidenceSatisfiesThePolicy() {
        RecoveryPolicy plain = new RecoveryPolicy(List.of(EMAIL, IDENTITY), Assurance.HIGH, Duration.ZERO);

        assertThat(RecoveryPolicyRules.isSatisfied(plain, Set.of(EMAIL, RECOVERY_CODE))).isFalse();
    }

    private static RecoveryConfig config(Assurance defaultAssurance) {
        return config(defaultAssurance, false);
    }

    private static RecoveryConfig config(Assurance defaultAssurance, boolean codesForMfa) {
        return new RecoveryConfig() {
            @Override
            public boolean recoveryCodesForMfaAccounts() {
                return codesForMfa;
            }

            @Override
            public Duration ttl() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration coolingOff() {
                return COOLING_OFF;
            }

            @Override
            public Duration phoneChangeWindow() {
                return Duration.ofMinutes(30);
            }

            @Override
            public Assurance defaultAssurance() {
                return defaultAssurance;
            }
        };
    }
}
