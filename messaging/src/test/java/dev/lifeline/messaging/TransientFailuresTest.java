package dev.lifeline.messaging;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    @Test
    void deadlockIsAConflict() {
        assertThat(TransientFailures.isConflict(new SQLException("deadlock detected", "40P01"))).isTrue();
    }

    @Test
    void serializationFailureIsAConflict() {
        assertThat(TransientFailures.isConflict(new SQLException("could not serialize access", "40001")))
                .isTrue();
    }

    @Test
    void deadlockWrappedByHibernateAndTheTransactionIsAConflict() {
        RuntimeException wrapped = new IllegalStateException("commit failed",
                new PersistenceException("could not execute statement",
                        new RuntimeException(new SQLException("deadlock detected", "40P01"))));

        assertThat(TransientFailures.isConflict(wrapped)).isTrue();
    }

    @Test
    void deadlockChainedAsABatchsNextExceptionIsAConflict() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "22000");
        batch.setNextException(new SQLException("deadlock detected", "40P01"));

        assertThat(TransientFailures.isConflict(new PersistenceException(batch))).isTrue();
    }

    @Test
    void constraintViolationIsNotAConflict() {
        assertThat(TransientFailures.isConflict(
                new PersistenceException(new SQLIntegrityConstraintViolationException("duplicate key", "23505"))))
                .isFalse();
    }

    @Test
    void dataExceptionIsNotAConflict() {
        assertThat(TransientFailures.isConflict(new SQLException("invalid byte sequence", "22021"))).isFalse();
    }

    @Test
    void otherTransactionRollbackStatesAreNoConflict() {
        // 40002 (integrity constraint violation at commit) is class 40 but retrying cannot help.
        assertThat(TransientFailures.isConflict(new SQLException("constraint at commit", "40002"))).isFalse();
    }

    @Test
    void failureWithoutAnSqlCauseIsNotAConflict() {
        assertThat(TransientFailures.isConflict(new IllegalArgumentException("bad input"))).isFalse();
    }

    @Test
    void sqlExceptionWithoutAStateIsNotAConflict() {
        assertThat(TransientFailures.isConflict(new SQLException("connection reset"))).isFalse();
    }

    @Test
    void aBrokenConnectionIsTransientForTheInboxButNoConflictToRetryACommandOn() {
        // The commit may have happened: only an idempotent consumer may run the work again.
        PersistenceException broken = new PersistenceException(new SQLException("An I/O error occurred", "08006"));

        assertThat(TransientFailures.isTransient(broken)).isTrue();
        assertThat(TransientFailures.isConflict(broken)).isFalse();
    }

    @Test
    void everyConflictIsTransient() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");

        assertThat(TransientFailures.isConflict(deadlock)).isTrue();
        assertThat(TransientFailures.isTransient(deadlock)).isTrue();
    }
}
