package dev.lifeline.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/**
 * The rows whose stored deadline has come: locked for the caller's transaction, oldest first, which is how every
 * scheduler here (expiries, mail and notification queues) takes its work; or deleted, which is how every retention
 * job forgets. {@code FOR UPDATE SKIP LOCKED} lets several
 * instances run the same job at once, each taking rows the others have not, and none waiting for another's; a
 * restart loses nothing, because the deadline is in the row, not in a timer.
 */
public final class DueRows {

    private DueRows() {
    }

    /**
     * @param table     the entity's table
     * @param dueColumn the deadline: rows with {@code dueColumn <= now} are due
     * @param condition a further SQL condition on the row (constants only), or empty
     */
    public static <T> List<T> lock(EntityManager entityManager, Class<T> entity, String table, String dueColumn,
                                   String condition, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<T> due = entityManager.createNativeQuery("SELECT * FROM " + table
                        + " WHERE " + dueColumn + " <= :now" + (condition.isEmpty() ? "" : " AND " + condition)
                        + " ORDER BY " + dueColumn + " LIMIT :limit FOR UPDATE SKIP LOCKED", entity)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return due;
    }

    /**
     * Deletes the rows whose {@code dueColumn} is at or before {@code horizon}, {@code batch} rows per transaction until
     * none is left: a long backlog holds no lock for long, and instances pruning at once share the rows instead of
     * waiting for each other. Deleting twice deletes nothing, so a job killed halfway simply runs again.
     *
     * @param key       the table's primary key column
     * @param condition a further SQL condition on the row (constants only), or empty
     * @return how many rows it deleted
     */
    public static long delete(EntityManager entityManager, String table, String key, String dueColumn,
                              String condition, Instant horizon, int batch) {
        String statement = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                + " WHERE " + dueColumn + " <= :horizon" + (condition.isEmpty() ? "" : " AND " + condition)
                + " LIMIT :batch FOR UPDATE SKIP LOCKED)";
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(statement)
                    .setParameter("horizon", horizon)
                    .setParameter("batch", batch)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
