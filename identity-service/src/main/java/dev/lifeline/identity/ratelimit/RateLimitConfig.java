package dev.lifeline.identity.ratelimit;

import io.smallrye.config.ConfigMapping;

/**
 * {@code lifeline.rate-limit.*}: how many requests of each kind one identifier, one account and one client address
 * may make per window ({@code lifeline.rate-limit.window}, counted by the HTTP kit's RateLimiter). Limits slow an
 * attacker down; they never lock the owner out, since every window ends.
 */
@ConfigMapping(prefix = "lifeline.rate-limit")
public interface RateLimitConfig {

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
