package dev.lifeline.http.ratelimit;

import dev.lifeline.http.audit.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts requests in PostgreSQL, so that limits hold across instances: one row per key and fixed window, bumped
 * atomically with {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}. Every request counts, also refused
 * ones, and the count lives in its own transaction, so a rolled-back request still counted.
 */
@ApplicationScoped
public class RateLimiter {

    /** One counter to bump: {@code value} is pseudonymised before it becomes a key. */
    public record Bucket(String scope, String kind, String value, int limit) {
        public Bucket {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    private final EntityManager entityManager;
    private final Pseudonyms pseudonyms;
    private final Duration window;

    RateLimiter(EntityManager entityManager, Pseudonyms pseudonyms,
                @ConfigProperty(name = "lifeline.rate-limit.window", defaultValue = "PT15M") Duration window) {
        this.entityManager = entityManager;
        this.pseudonyms = pseudonyms;
        this.window = window;
    }

    /**
     * Counts one request in every bucket, in one statement.
     *
     * @throws RateLimitedException when any bucket is over its limit in the current window
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void hit(List<Bucket> buckets, Instant now) {
        if (!overLimit(buckets, now).isEmpty()) {
            throw refusal(now);
        }
    }

    /**
     * Counts one request in every bucket, in one statement, and says which buckets are over their limit in the
     * current window instead of refusing: for a caller whose answer must not depend on which
     * bucket overflowed (e.g. one keyed by an account the client never named).
     *
     * @return the buckets over their limit, in the order given; empty when none is
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Bucket> overLimit(List<Bucket> buckets, Instant now) {
        List<String> keys = buckets.stream().map(this::key).toList();
        StringBuilder sql = new StringBuilder("INSERT INTO rate_limit_window (key, window_start, hits) VALUES ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(i + 2).append(", ?1, 1)");
        }
        sql.append(" ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1")
                .append(" RETURNING key, hits");
        var query = entityManager.createNativeQuery(sql.toString()).setParameter(1, windowStart(now));
        for (int i = 0; i < keys.size(); i++) {
            query.setParameter(i + 2, keys.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, Integer> hits = new HashMap<>();
        rows.forEach(row -> hits.put((String) row[0], ((Number) row[1]).intValue()));
        List<Bucket> over = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            if (hits.getOrDefault(keys.get(i), 0) > buckets.get(i).limit()) {
                over.add(buckets.get(i));
            }
        }
        return over;
    }

    /**
     * Takes back one request counted at {@code now}, for limits that count failures rather than requests: count first
     * (so that concurrent requests are counted one after another and none slips past the limit), then forgive a
     * success. Joins the caller's transaction, so that the forgiveness stands or falls with the success.
     */
    @Transactional
    public void forgive(List<Bucket> buckets, Instant now) {
        List<String> keys = buckets.stream().map(this::key).toList();
        entityManager.createNativeQuery("""
                        UPDATE rate_limit_window SET hits = greatest(hits - 1, 0)
                        WHERE window_start = :window AND key IN (:keys)""")
                .setParameter("window", windowStart(now))
                .setParameter("keys", keys)
                .executeUpdate();
    }

    /** A bucket's row key: its value pseudonymised, never the identifier or address itself. */
    private String key(Bucket bucket) {
        return bucket.scope() + ":" + bucket.kind() + ":" + pseudonyms.of(bucket.value());
    }

    /** The 429 for a request counted at {@code now} and refused after {@link #overLimit}: retry in the next window. */
    public RateLimitedException refusal(Instant now) {
        return new RateLimitedException(windowStart(now).plus(window), now);
    }

    Instant windowStart(Instant now) {
        long windowSeconds = window.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds);
    }

    /** Windows that have ended count nothing any more. */
    @Transactional
    public int purgeEndedWindows(Instant now) {
        return entityManager.createNativeQuery("DELETE FROM rate_limit_window WHERE window_start < :before")
                .setParameter("before", windowStart(now).minus(window))
                .executeUpdate();
    }
}
