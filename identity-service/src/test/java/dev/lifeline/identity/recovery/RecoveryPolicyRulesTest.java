package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.identity.recovery.RecoveryPolicyRules.AccountFacts;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.lifeline.events.Evidence.EMAIL;
import static dev.lifeline.events.Evidence.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

class RecoveryPolicyRulesTest {

    private static final Duration COOLING_OFF = Duration.ofHours(24);

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

    private static RecoveryConfig config(Assurance defaultAssurance) {
        return new RecoveryConfig() {
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
