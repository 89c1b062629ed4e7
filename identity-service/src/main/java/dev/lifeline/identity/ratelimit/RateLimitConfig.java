package dev.lifeline.identity.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code lifeline.rate-limit.*}: how many recovery starts one identifier, one account and one client address may
 * make per window ({@code lifeline.rate-limit.window}, counted by the HTTP kit's RateLimiter). Password checks are
 * not here: they count failures, not requests (the kit's FailureThrottle, {@code lifeline.failure-throttle.*}).
 */
@ConfigMapping(prefix = "lifeline.rate-limit")
public interface RateLimitConfig {

    /** The fixed window the kit's RateLimiter counts in (it reads this property itself). */
    @WithDefault("PT15M")
    Duration window();

    /** Starting recoveries, which alerts the owner on every channel each time. */
    Limits recoveryStarts();

    /** Requests per window; an account's limit covers all its identifiers (username, email and phone). */
    interface Limits {
        int perIdentifier();

        int perAccount();

        int perClient();
    }
}
