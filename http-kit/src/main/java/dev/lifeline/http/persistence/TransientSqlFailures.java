package dev.lifeline.http.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Failures of a transaction that say nothing about the request and go away when it is simply run again:
 * PostgreSQL's serialization failure (SQLState {@code 40001}) and deadlock (40P01), however deeply Hibernate,
 * JTA or Quarkus wrapped them. A command that meets one is retried in a new transaction instead of answering 500.
 * <p>
 * Only the transaction is retried: callers keep slow or non-repeatable work (hashing, rate-limit counts, audit
 * lines) outside {@link #inNewTransaction}.
 */
public final class TransientSqlFailures {

    /** SQLState of a serialization failure and of a detected deadlock. */
    static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");

    /** Attempts in all, the first one included; a deadlock that repeats this often is not transient. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(TransientSqlFailures.class);
    private static final int MAX_CAUSES = 32;

    private TransientSqlFailures() {
    }

    /** Whether {@code failure}, or any of its causes, is a serialization failure or a deadlock. */
    public static boolean isTransient(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (cause instanceof SQLException sql && isTransientState(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return false;
    }

    private static boolean isTransientState(SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && TRANSIENT_STATES.contains(next.getSQLState())) {
                return true;
            }
            if (next.getNextException() == next) {
                break;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} in a new transaction, again (in another new one) when it fails transiently, up to
     * {@value #MAX_ATTEMPTS} times with a short random pause between attempts so that the two parties of a
     * deadlock do not meet again. Any other failure, and the last transient one, goes to the caller.
     */
    public static <T> T inNewTransaction(Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.debugf("Transient database failure on attempt %d, retrying: %s", attempt, e);
                pauseBefore(attempt + 1);
            }
        }
    }

    /** As {@link #inNewTransaction(Callable)}, for work without a result. */
    public static void inNewTransaction(Runnable work) {
        inNewTransaction(() -> {
            work.run();
            return null;
        });
    }

    private static void pauseBefore(int attempt) {
        // A few milliseconds, growing: both parties of a deadlock retry, and should not collide again.
        long maxMillis = 5L << Math.min(attempt, 5);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis) * 1_000_000L);
    }
}
