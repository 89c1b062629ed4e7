package dev.lifeline.identity.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code lifeline.rate-limit.*}: how many recovery starts one client address may make per window
 * ({@code lifeline.rate-limit.window}, counted by the HTTP kit's RateLimiter). Nothing limits starts per identifier
 * or account: that would let anyone stop the owner's start (RecoveryStarts says how mails and alerts are bounded
 * instead). Password checks are not here: they count failures, not requests (the kit's FailureThrottle,
 * {@code lifeline.failure-throttle.*}).
 */
@ConfigMapping(prefix = "lifeline.rate-limit")
public interface RateLimitConfig {

    /** The fixed window the kit's RateLimiter counts in (it reads this property itself). */
    @WithDefault("PT15M")
    Duration window();

    /** Starting recoveries, which alerts the owner on every channel each time. */
    Limits recoveryStarts();

    /** Requests per window. */
    interface Limits {
        int perClient();
    }
}
