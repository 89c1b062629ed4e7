package dev.lifeline.http.ratelimit;

import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.http.persistence.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down whoever fails a credential check, without letting a third party lock the owner out (NIST SP
 * 800-63B-4 §3.2.2, OWASP ASVS V6.3): it counts consecutive FAILURES, in PostgreSQL so that every instance sees
 * them, in three dimensions —
 * <ul>
 *   <li>per identifier and client address: the owner's own typos, one attacker's guesses at one account;</li>
 *   <li>per client address, across identifiers: credential stuffing from one address;</li>
 *   <li>per account, from anywhere: the hard cap (100 in production) against guessing from many addresses.</li>
 * </ul>
 * A few failures are free, then each failure blocks its key for a delay that doubles up to a maximum. A blocked
 * identifier-and-client or client key refuses the attempt with a 429 before any expensive work, and the refusal
 * counts nothing. Someone else's failures block only their own address, so the owner's right password from an
 * address that has not been failing gets through.
 * <p>
 * A blocked <em>account</em> is not a 429: one account has several identifiers (username, email, phone), and a
 * 429 for the email after guesses at the username would show that both name one account. Instead an attempt from
 * an address that has been failing is {@link Attempt#accountBlocked() answered as a failure without checking the
 * secret}, and counted as one in the other two dimensions, exactly as a wrong password would be. An attempt from
 * an address that has <em>not</em> been failing (no failure counted for it in this scope, across identifiers) is
 * checked even while the cap holds: that is the owner's right password from their own network, which strangers'
 * failures must never refuse (security requirement 11). The price of that promise: while the cap holds, an
 * attacker gets one checked guess per fresh address (and that address is then failing for a day), instead of one
 * per delay; the pair and client dimensions still slow each address as before.
 * <p>
 * Attempts are counted <em>before</em> the secret is checked ("count first, forgive a success"), in one short
 * transaction whose upserts lock the rows: N concurrent guesses on one key are counted one after another, none is
 * lost, and none slips past a block that an earlier one set. {@link #succeeded} then deletes the identifier and
 * account keys and gives the client key its failure back.
 */
@ApplicationScoped
public class FailureThrottle {

    /** How one dimension grows its delays. */
    public record Policy(int failuresBeforeDelay, Duration baseDelay, Duration maxDelay) {
        public Policy {
            if (failuresBeforeDelay < 1) {
                throw new IllegalArgumentException("failuresBeforeDelay must be at least 1");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
        }

        /** How long a key stays blocked after its {@code failures}-th consecutive failure. */
        public Duration delayAfter(int failures) {
            if (failures < failuresBeforeDelay) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - failuresBeforeDelay, 40);
            Duration delay = baseDelay.multipliedBy(1L << Math.min(doublings, 30));
            return delay.compareTo(maxDelay) > 0 || doublings > 30 ? maxDelay : delay;
        }
    }

    /**
     * One counted attempt, to be passed to {@link #succeeded} if the secret turns out right.
     *
     * @param accountBlocked the account's cap holds and this address has been failing: answer as a failure without
     *                       checking the secret
     */
    public record Attempt(String pairKey, String clientKey, String accountKey, boolean accountBlocked) {
    }

    /** Consecutive failures currently counted for one attempt's keys. */
    public record Failures(int identifierAndClient, int client, int account) {
    }

    /** blocked_until of a key that has never been blocked. */
    private static final Instant NEVER_BLOCKED = Instant.EPOCH;

    private final EntityManager entityManager;
    private final Pseudonyms pseudonyms;
    private final Policy pair;
    private final Policy client;
    private final Policy account;
    private final Duration forgetAfter;

    FailureThrottle(EntityManager entityManager, Pseudonyms pseudonyms, FailureThrottleConfig config) {
        this.entityManager = entityManager;
        this.pseudonyms = pseudonyms;
        this.pair = new Policy(config.pairFailuresBeforeDelay(), config.pairBaseDelay(), config.pairMaxDelay());
        this.client = new Policy(config.clientFailuresBeforeDelay(), config.clientBaseDelay(), config.clientMaxDelay());
        this.account = new Policy(config.accountFailuresBeforeDelay(), config.accountBaseDelay(), config.accountMaxDelay());
        this.forgetAfter = config.forgetAfter();
    }

    /**
     * Counts an attempt as a failure, unless it is refused.
     *
     * @param scope      what is being checked, e.g. {@code password}; scopes count apart
     * @param identifier as the caller typed it, canonicalised
     * @param account    the account it names, or for an identifier that names none a value derived from the
     *                   identifier, so that both take the same path
     * @throws RateLimitedException when the identifier-and-client or the client key is blocked; nothing is counted
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Attempt attempt(String scope, String identifier, String clientAddress, String account, Instant now) {
        Attempt keys = keys(scope, identifier, clientAddress, account);
        // One order everywhere (pair, client, account), so that concurrent attempts and successes never deadlock.
        Optional<Integer> pairFailures = countFailure(keys.pairKey(), now);
        Optional<Integer> clientFailures = countFailure(keys.clientKey(), now);
        if (pairFailures.isEmpty() || clientFailures.isEmpty()) {
            throw new RateLimitedException(blockedUntil(List.of(keys.pairKey(), keys.clientKey())), now); // rolls back
        }
        blockFor(keys.pairKey(), now, pair.delayAfter(pairFailures.get()));
        blockFor(keys.clientKey(), now, client.delayAfter(clientFailures.get()));
        // Counted under the client row's lock: of concurrent attempts from one address, only the first is clean.
        boolean addressNotFailing = clientFailures.get() == 1;
        Optional<Integer> accountFailures = countFailure(keys.accountKey(), now);
        accountFailures.ifPresent(failures -> blockFor(keys.accountKey(), now, this.account.delayAfter(failures)));
        return new Attempt(keys.pairKey(), keys.clientKey(), keys.accountKey(),
                accountFailures.isEmpty() && !addressNotFailing);
    }

    /** The secret was right: the identifier's and the account's failures are forgiven, the client's attempt taken back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(Attempt attempt) {
        delete(attempt.pairKey());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        UPDATE failure_throttle SET failures = greatest(failures - 1, 0)
                        WHERE key = ?1 RETURNING failures, last_failure_at""")
                .setParameter(1, attempt.clientKey())
                .getResultList();
        for (Object[] row : rows) {
            Duration delay = client.delayAfter(((Number) row[0]).intValue());
            Instant until = delay.isZero() ? NEVER_BLOCKED : Timestamps.instant(row[1]).plus(delay);
            entityManager.createNativeQuery(
                            "UPDATE failure_throttle SET blocked_until = least(blocked_until, ?2) WHERE key = ?1")
                    .setParameter(1, attempt.clientKey())
                    .setParameter(2, until)
                    .executeUpdate();
        }
        delete(attempt.accountKey());
    }

    /** What is counted against these keys now; for support tools and tests. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Failures failures(String scope, String identifier, String clientAddress, String account) {
        Attempt keys = keys(scope, identifier, clientAddress, account);
        return new Failures(failuresOf(keys.pairKey()), failuresOf(keys.clientKey()), failuresOf(keys.accountKey()));
    }

    /** Deletes keys whose failures are forgotten anyway; harmless when several instances do it at once. */
    @Scheduled(every = "${lifeline.failure-throttle.purge-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purgeForgotten() {
        Instant now = Instant.now();
        entityManager.createNativeQuery(
                        "DELETE FROM failure_throttle WHERE last_failure_at < ?1 AND blocked_until < ?2")
                .setParameter(1, now.minus(forgetAfter))
                .setParameter(2, now)
                .executeUpdate();
    }

    private Attempt keys(String scope, String identifier, String clientAddress, String account) {
        Objects.requireNonNull(scope, "scope");
        // The NUL cannot occur in either value (the kit refuses control characters), so pairs cannot collide.
        return new Attempt(
                scope + ":identifier-client:" + pseudonyms.of(identifier + "\u0000" + clientAddress),
                scope + ":client:" + pseudonyms.of(clientAddress),
                scope + ":account:" + pseudonyms.of(account),
                false);
    }

    /**
     * One more failure on {@code key}, unless it is blocked; the row stays locked until the transaction ends.
     *
     * @return the consecutive failures now counted, empty when the key is blocked (then nothing changed)
     */
    private Optional<Integer> countFailure(String key, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> rows = entityManager.createNativeQuery("""
                        INSERT INTO failure_throttle AS t (key, failures, last_failure_at, blocked_until)
                        VALUES (?1, 1, ?2, ?4)
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN t.last_failure_at < ?3 THEN 1 ELSE t.failures + 1 END,
                            last_failure_at = ?2
                        WHERE t.blocked_until <= ?2
                        RETURNING failures""")
                .setParameter(1, key)
                .setParameter(2, now)
                .setParameter(3, now.minus(forgetAfter))
                .setParameter(4, NEVER_BLOCKED)
                .getResultList();
        return rows.stream().findFirst().map(Number::intValue);
    }

    /**
     * Blocks {@code key} until {@code until}, if that is later than now. A failure without delay leaves the block as
     * it was: an attempt that waited for this row's lock took its "now" earlier, and a block until our now would
     * refuse it.
     */
    private void blockFor(String key, Instant now, Duration delay) {
        if (delay.isZero()) {
            return;
        }
        Instant until = now.plus(delay);
        entityManager.createNativeQuery(
                        "UPDATE failure_throttle SET blocked_until = greatest(blocked_until, ?2) WHERE key = ?1")
                .setParameter(1, key)
                .setParameter(2, until)
                .executeUpdate();
    }

    private Instant blockedUntil(List<String> keys) {
        Object latest = entityManager.createNativeQuery(
                        "SELECT max(blocked_until) FROM failure_throttle WHERE key IN (?1)")
                .setParameter(1, keys)
                .getSingleResult();
        return Timestamps.instant(latest);
    }

    private int failuresOf(String key) {
        @SuppressWarnings("unchecked")
        List<Number> rows = entityManager.createNativeQuery("SELECT failures FROM failure_throttle WHERE key = ?1")
                .setParameter(1, key)
                .getResultList();
        return rows.stream().findFirst().map(Number::intValue).orElse(0);
    }

    private void delete(String key) {
        entityManager.createNativeQuery("DELETE FROM failure_throttle WHERE key = ?1")
                .setParameter(1, key)
                .executeUpdate();
    }
}
