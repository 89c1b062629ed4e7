package dev.lifeline.emailverification.challenge;

import java.time.Duration;

/**
 * The limits an {@link EmailChallenge} enforces, checked once: a deployment cannot configure its way past security
 * requirement 2 (codes live at most 15 minutes and allow at most 5 wrong attempts).
 */
public record ChallengeRules(Duration codeTtl, int maxWrongAttempts, Duration resendCooldown, int maxResends) {

    static final Duration LONGEST_CODE_TTL = Duration.ofMinutes(15);
    static final int MOST_WRONG_ATTEMPTS = 5;

    public ChallengeRules {
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(LONGEST_CODE_TTL) > 0) {
            throw new IllegalArgumentException("lifeline.email-verification.code-ttl must be above zero and at most "
                    + LONGEST_CODE_TTL + ", was " + codeTtl);
        }
        if (maxWrongAttempts < 1 || maxWrongAttempts > MOST_WRONG_ATTEMPTS) {
            throw new IllegalArgumentException("lifeline.email-verification.max-wrong-attempts must be 1 to "
                    + MOST_WRONG_ATTEMPTS + ", was " + maxWrongAttempts);
        }
        if (resendCooldown.isNegative() || maxResends < 0) {
            throw new IllegalArgumentException("resend-cooldown and max-resends must not be negative");
        }
    }

    static ChallengeRules of(ChallengeConfig config) {
        return new ChallengeRules(config.codeTtl(), config.maxWrongAttempts(), config.resendCooldown(),
                config.maxResends());
    }
}
