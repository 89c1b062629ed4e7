package dev.lifeline.events.messaging;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

import javax.transaction.xa.XAException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures that go away by themselves: the database is down or restarting, a connection broke, a lock or a
 * serialisable transaction lost a race. Hibernate, Narayana and Agroal wrap them differently (and a commit failure
 * arrives wrapped in a transaction exception), so the whole cause chain is searched.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isTransientItself(cause)) {
                return true;
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
        return state.startsWith("08") || state.startsWith("53") || state.equals("40001") || state.equals("40P01")
                || state.equals("55P03") || state.equals("57014") || state.startsWith("57P0");
    }

    private static boolean isTransientXaError(int code) {
        return code == XAException.XAER_RMFAIL || (code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND
                && code != XAException.XA_RBINTEGRITY && code != XAException.XA_RBPROTO);
    }
}
