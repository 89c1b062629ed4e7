package dev.lifeline.http.ratelimit;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** 429 with {@code Retry-After}: the same answer for known and unknown identifiers. */
public class RateLimitedException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(Instant retryAt, Instant now) {
        super(Problem.typed("rate-limited", "Too many requests", 429)
                        .detail("Too many attempts; try again later.")
                        .with("retryAt", retryAt.toString()),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(secondsUntil(retryAt, now))));
    }

    private static long secondsUntil(Instant retryAt, Instant now) {
        // Rounded up, and at least one second: a client retrying at once would only be refused again.
        long millis = Math.max(0, Duration.between(now, retryAt).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
