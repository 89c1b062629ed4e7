package dev.lifeline.http.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * {@code lifeline.failure-throttle.*}: how {@link FailureThrottle} slows down failing credential checks. Each
 * dimension lets {@code failures-before-delay} consecutive failures pass freely; from then on every failure
 * blocks the key for {@code base-delay}, doubling up to {@code max-delay}.
 */
@ConfigMapping(prefix = "lifeline.failure-throttle")
public interface FailureThrottleConfig {

    /** One identifier tried from one client address: the owner's typos and one attacker's guesses. */
    @WithDefault("5")
    @WithName("per-identifier-and-client.failures-before-delay")
    int pairFailuresBeforeDelay();

    @WithDefault("PT1S")
    @WithName("per-identifier-and-client.base-delay")
    Duration pairBaseDelay();

    @WithDefault("PT15M")
    @WithName("per-identifier-and-client.max-delay")
    Duration pairMaxDelay();

    /** One client address across identifiers: credential stuffing. Higher, for addresses many people share. */
    @WithDefault("30")
    @WithName("per-client.failures-before-delay")
    int clientFailuresBeforeDelay();

    @WithDefault("PT1S")
    @WithName("per-client.base-delay")
    Duration clientBaseDelay();

    @WithDefault("PT15M")
    @WithName("per-client.max-delay")
    Duration clientMaxDelay();

    /**
     * One account from anywhere (NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failures), the hard cap against
     * guessing from many addresses. Past it the account is slowed, never locked: every delay ends.
     */
    @WithDefault("100")
    @WithName("per-account.failures-before-delay")
    int accountFailuresBeforeDelay();

    @WithDefault("PT1S")
    @WithName("per-account.base-delay")
    Duration accountBaseDelay();

    @WithDefault("PT15M")
    @WithName("per-account.max-delay")
    Duration accountMaxDelay();

    /** A key whose last failure is older than this starts again from zero (and the purge deletes it). */
    @WithDefault("P1D")
    Duration forgetAfter();

    /** How often forgotten keys are deleted. */
    @WithDefault("5m")
    String purgeInterval();
}
