package dev.lifeline.http.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Deletes ended windows now and then; harmless when several instances do it at once. */
@ApplicationScoped
class RateLimitPurge {

    private final RateLimiter limiter;

    RateLimitPurge(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Scheduled(every = "${lifeline.rate-limit.purge-interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        limiter.purgeEndedWindows(Instant.now());
    }
}
