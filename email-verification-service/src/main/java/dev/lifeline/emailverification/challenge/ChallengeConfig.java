package dev.lifeline.emailverification.challenge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The rules of an email challenge (security requirement 2: codes live at most 15 minutes, 5 wrong attempts). */
@ConfigMapping(prefix = "lifeline.email-verification")
public interface ChallengeConfig {

    /** How long a code and its link work after their mail was sent; at most 15 minutes. */
    @WithDefault("PT15M")
    Duration codeTtl();

    /** Wrong codes per recovery, across resends: a new code never buys a fresh budget. */
    @WithDefault("5")
    int maxWrongAttempts();

    /** How long after a code was asked for another one can be. */
    @WithDefault("PT60S")
    Duration resendCooldown();

    /** New codes per recovery after the first. */
    @WithDefault("3")
    int maxResends();

    /** The HMAC key of stored codes: a secret, from LIFELINE_EMAIL_VERIFICATION_CODE_KEY in prod. */
    String codeKey();

    /** How often lapsed codes are looked for ({@link ChallengeExpiry}). */
    Duration expiryCheckInterval();

    /**
     * The least time an answer to a code, a resend or the link's button takes, so that a decoy's, a silent
     * challenge's and an unknown recovery's answers cannot be told from a real one's by their timing.
     */
    @WithDefault("PT0.1S")
    Duration responseFloor();

    /** Codes, resends and link presses per client address and rate-limit window (lifeline.rate-limit.window). */
    @WithDefault("30")
    int requestsPerClient();

    /**
     * How long a challenge is kept after its recovery's deadline, a decoy's as a real one's ({@link ChallengeRetention}):
     * by default {@code lifeline.retention.kept-after-expiry}, the one horizon identity-service prunes its decoys on.
     */
    Duration keptAfterExpiry();

    /** How often challenges past that horizon are looked for. */
    Duration pruneInterval();
}
