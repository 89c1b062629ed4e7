package dev.lifeline.messaging;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** {@code lifeline.inbox.*}; the defaults are in the module's microprofile-config.properties. */
@ConfigMapping(prefix = "lifeline.inbox")
public interface InboxConfig {

    Retry retry();

    /**
     * How many times a failure that is neither transient nor a malformed record (a bug, most likely) is tried
     * before the record goes to the dead-letter topic, to be redriven once fixed. Transient failures never count.
     */
    int unexpectedFailureAttempts();

    /** How long a processed event's id is kept for deduplication; far beyond any redelivery. */
    Duration retention();

    /** How often expired ids are pruned. */
    Duration pruneInterval();

    /** Rows deleted per pruning transaction. */
    int pruneBatchSize();

    interface Retry {
        /** Wait before the second attempt; doubled after each failure, up to {@link #maxBackoff()}. */
        Duration initialBackoff();

        Duration maxBackoff();
    }
}
