package dev.lifeline.identity.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code lifeline.rate-limit.*}: how many requests of each kind one identifier, one account and one client address
 * may make per window. Limits slow an attacker down; they never lock the owner out, since every window ends.
 */
@ConfigMapping(prefix = "lifeline.rate-limit")
public interface RateLimitConfig {

    /**
     * Fixed windows, aligned to the epoch, so every instance counts into the same rows. The kit's RateLimiter reads
     * the same key; it is declared here too because this mapping owns the {@code lifeline.rate-limit} prefix.
     */
    @WithDefault("PT15M")
    Duration window();

    /** Every check of a password: logins and owners' cancellations, which would otherwise be a second oracle. */
    Limits passwordChecks();

    /** Starting recoveries, which alerts the owner on every channel each time. */
    Limits recoveryStarts();

    /** Requests per window; an account's limit covers all its identifiers (username, email and phone). */
    interface Limits {
        int perIdentifier();

        int perAccount();

        int perClient();
    }
}
