package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.RecoveryPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, when a recovery starts, which evidence it needs (docs/architecture.md, "Policy"):
 * <ul>
 *   <li>default: EMAIL and IDENTITY at the configured assurance (SUBSTANTIAL), an email code alone never being
 *       enough (NIST SP 800-63B-4);</li>
 *   <li>no verified email on file: IDENTITY at HIGH;</li>
 *   <li>MFA enrolled: IDENTITY at HIGH, plus EMAIL when a verified email exists, because the reset keeps the
 *       second factor and must not be weaker than it.</li>
 * </ul>
 * The policy carries a cooling-off only when it lets identity be confirmed at SUBSTANTIAL; a HIGH confirmation
 * needs none, so HIGH policies carry zero. HIGH is a person's judgement: kyc-service's automated matching of typed
 * facts tops out at SUBSTANTIAL, and only a two-person review confirms at HIGH; so a HIGH policy always means review.
 * <p>
 * Every policy with EMAIL also names the alternative EMAIL + RECOVERY_CODE (two recovery methods of different
 * kinds, NIST SP 800-63B-4's rule), except for MFA accounts unless
 * {@link RecoveryConfig#recoveryCodesForMfaAccounts()}; a recovery code alone never approves anything. Whether
 * the account has codes left does not matter here: the policy then depends only on what the decoys imitate, and a
 * set issued during a recovery can still be used in it.
 * <p>
 * Whenever evidence arrives, {@link #isSatisfied} decides whether what the recovery has gathered approves it.
 */
@ApplicationScoped
public class RecoveryPolicyRules {

    /** What the rules need to know about the account. */
    public record AccountFacts(boolean hasVerifiedEmail, boolean mfaEnrolled) {
    }

    private final RecoveryConfig config;

    public RecoveryPolicyRules(RecoveryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RecoveryPolicy policyFor(AccountFacts account) {
        Assurance assurance = account.mfaEnrolled() || !account.hasVerifiedEmail()
                ? Assurance.HIGH
                : config.defaultAssurance();
        List<Evidence> required = account.hasVerifiedEmail()
                ? List.of(Evidence.EMAIL, Evidence.IDENTITY)
                : List.of(Evidence.IDENTITY);
        Duration coolingOff = assurance == Assurance.SUBSTANTIAL ? config.coolingOff() : Duration.ZERO;
        boolean codesAllowed = account.hasVerifiedEmail()
                && (!account.mfaEnrolled() || config.recoveryCodesForMfaAccounts());
        List<List<Evidence>> alternatives = codesAllowed
                ? List.of(List.of(Evidence.EMAIL, Evidence.RECOVERY_CODE))
                : List.of();
        return new RecoveryPolicy(required, assurance, coolingOff, alternatives);
    }

    /** Whether {@code satisfied} approves a recovery under {@code policy}: all of its required, or an alternative. */
    static boolean isSatisfied(RecoveryPolicy policy, Set<Evidence> satisfied) {
        if (satisfied.containsAll(policy.required())) {
            return true;
        }
        return policy.alternatives().stream().anyMatch(satisfied::containsAll);
    }
}
