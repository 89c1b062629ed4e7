package dev.lifeline.identity.ratelimit;

import dev.lifeline.http.ratelimit.RateLimitedException;
import dev.lifeline.http.ratelimit.RateLimiter;
import dev.lifeline.http.ratelimit.RateLimiter.Bucket;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.RateLimitWindows;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's {@link RateLimiter#overLimit}: counts like {@code hit}, and names the buckets over their limit. */
@IdentityTest
class RateLimiterOverLimitTest {

    @Inject
    RateLimiter limiter;

    @Test
    void nothingIsOverWithinTheLimits() {
        RateLimitWindows.awaitFreshWindow();
        List<Bucket> buckets = List.of(bucket("a", 2), bucket("b", 2));

        assertThat(limiter.overLimit(buckets, Instant.now())).isEmpty();
        assertThat(limiter.overLimit(buckets, Instant.now())).isEmpty();
    }

    @Test
    void onlyTheBucketsOverTheirLimitAreNamed() {
        RateLimitWindows.awaitFreshWindow();
        Bucket small = bucket("small", 1);
        Bucket large = bucket("large", 5);
        Bucket other = bucket("other", 1);

        limiter.overLimit(List.of(small, large), Instant.now());
        List<Bucket> over = limiter.overLimit(List.of(small, large, other), Instant.now());

        assertThat(over).containsExactly(small);
    }

    @Test
    void everyCallCountsAlsoWhenOver() {
        RateLimitWindows.awaitFreshWindow();
        Bucket bucket = bucket("counted", 2);
        for (int i = 0; i < 3; i++) {
            limiter.overLimit(List.of(bucket), Instant.now());
        }

        assertThatThrownBy(() -> limiter.hit(List.of(bucket), Instant.now()))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void hitAndOverLimitShareTheCounters() {
        RateLimitWindows.awaitFreshWindow();
        Bucket bucket = bucket("shared", 1);
        limiter.hit(List.of(bucket), Instant.now());

        assertThat(limiter.overLimit(List.of(bucket), Instant.now())).containsExactly(bucket);
    }

    @Test
    void theRefusalSaysToRetryWhenTheWindowEnds() {
        Instant now = Instant.now();

        RateLimitedException refusal = limiter.refusal(now);

        long windowMillis = RateLimitWindows.window().toMillis();
        Instant windowEnd = Instant.ofEpochMilli((now.toEpochMilli() / windowMillis + 1) * windowMillis);
        assertThat(refusal.problem().status()).isEqualTo(429);
        assertThat(refusal.problem().extensions()).containsEntry("retryAt", windowEnd.toString());
    }

    private static Bucket bucket(String kind, int limit) {
        return new Bucket("over-limit-test", kind, Api.uniqueName("value"), limit);
    }
}
