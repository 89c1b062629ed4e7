package dev.lifeline.http.persistence;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientSqlFailuresTest {

    @Test
    void deadlockIsTransient() {
        assertThat(TransientSqlFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
    }

    @Test
    void serializationFailureIsTransient() {
        assertThat(TransientSqlFailures.isTransient(new SQLException("could not serialize access", "40001")))
                .isTrue();
    }

    @Test
    void deadlockWrappedByHibernateAndTheTransactionIsTransient() {
        RuntimeException wrapped = new IllegalStateException("commit failed",
                new PersistenceException("could not execute statement",
                        new RuntimeException(new SQLException("deadlock detected", "40P01"))));

        assertThat(TransientSqlFailures.isTransient(wrapped)).isTrue();
    }

    @Test
    void deadlockChainedAsABatchsNextExceptionIsTransient() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "22000");
        batch.setNextException(new SQLException("deadlock detected", "40P01"));

        assertThat(TransientSqlFailures.isTransient(new PersistenceException(batch))).isTrue();
    }

    @Test
    void constraintViolationIsNotTransient() {
        assertThat(TransientSqlFailures.isTransient(
                new PersistenceException(new SQLIntegrityConstraintViolationException("duplicate key", "23505"))))
                .isFalse();
    }

    @Test
    void dataExceptionIsNotTransient() {
        assertThat(TransientSqlFailures.isTransient(new SQLException("invalid byte sequence", "22021"))).isFalse();
    }

    @Test
    void otherTransactionRollbackStatesAreNotTransient() {
        // 40002 (integrity constraint violation at commit) is class 40 but retrying cannot help.
        assertThat(TransientSqlFailures.isTransient(new SQLException("constraint at commit", "40002"))).isFalse();
    }

    @Test
    void failureWithoutAnSqlCauseIsNotTransient() {
        assertThat(TransientSqlFailures.isTransient(new IllegalArgumentException("bad input"))).isFalse();
    }

    @Test
    void sqlExceptionWithoutAStateIsNotTransient() {
        assertThat(TransientSqlFailures.isTransient(new SQLException("connection reset"))).isFalse();
    }
}
