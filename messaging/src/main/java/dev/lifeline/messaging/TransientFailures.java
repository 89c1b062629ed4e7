package dev.lifeline.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

import javax.transaction.xa.XAException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Database failures that go away by themselves, the one classification every service uses. Hibernate, Narayana and
 * Agroal wrap them differently (a commit failure arrives wrapped in a transaction exception, a batch's cause hides
 * in {@link SQLException#getNextException()}), so the whole chain is searched.
 * <ul>
 *   <li>{@link #isTransient}: the database is down or restarting, a connection broke, a lock or a serialisable
 *   transaction lost a race. The inbox retries these for as long as they last; its record makes a repeat harmless
 *   even when a commit's outcome was unknown.</li>
 *   <li>{@link #isConflict}: a serialization failure or deadlock (40001, 40P01). PostgreSQL rolled the transaction
 *   back for certain, so a request's command may run again ({@link #inNewTransaction}); after a broken connection
 *   it may not, since the commit may have happened.</li>
 * </ul>
 */
public final class TransientFailures {

    /** Attempts in all for a command, the first one included; a deadlock that repeats this often is not transient. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        return anyCause(failure, TransientFailures::isTransientItself);
    }

    public static boolean isConflict(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLException sql && isConflictState(sql.getSQLState()));
    }

    /**
     * Runs {@code work} in a new transaction, again (in another new one) after a {@linkplain #isConflict conflict},
     * up to {@value #MAX_ATTEMPTS} times with a short random pause, so that the two parties of a deadlock do not
     * meet again. Any other failure, and the last conflict, goes to the caller. Keep slow or non-repeatable work
     * (hashing, rate-limit counts, audit lines) outside.
     */
    public static <T> T inNewTransaction(Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                LOG.debugf("Conflict on attempt %d, retrying in a new transaction: %s", attempt, e);
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

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.add(next);
                     next = next.getNextException()) {
                    if (test.test(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable cause) {
        return cause instanceof SQLException sql && isTransientSqlState(sql.getSQLState())
                || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof JDBCConnectionException || cause instanceof LockAcquisitionException
                || cause instanceof OptimisticLockException || cause instanceof StaleStateException
                || cause instanceof PessimisticLockException || cause instanceof LockTimeoutException
                || cause instanceof QueryTimeoutException
                || cause instanceof org.hibernate.PessimisticLockException
                || cause instanceof SocketException // connection refused or reset
                || cause instanceof TimeoutException // Agroal: no connection within the acquisition timeout
                || cause instanceof XAException xa && isTransientXaError(xa.errorCode);
    }

    /**
     * 08: connection exceptions; 40001 serialization failure, 40P01 deadlock; 53: out of resources (e.g. too many
     * connections); 55P03 lock not available (lock_timeout); 57014 statement timeout; 57P01-57P03 the server shuts
     * down, crashed, or is still starting.
     */
    static boolean isTransientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || isConflictState(state)
                || state.equals("55P03") || state.equals("57014") || state.startsWith("57P0");
    }

    private static boolean isConflictState(String state) {
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static boolean isTransientXaError(int code) {
        return code == XAException.XAER_RMFAIL || (code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND
                && code != XAException.XA_RBINTEGRITY && code != XAException.XA_RBPROTO);
    }

    private static void pauseBefore(int attempt) {
        // A few milliseconds, growing: both parties of a deadlock retry, and should not collide again.
        long maxMillis = 5L << Math.min(attempt, 5);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis) * 1_000_000L);
    }
}
