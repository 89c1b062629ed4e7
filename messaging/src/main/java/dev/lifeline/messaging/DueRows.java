package dev.lifeline.messaging;

import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/**
 * The rows whose stored deadline has come, oldest first, locked for the caller's transaction: how every scheduler
 * here (expiries, mail and notification queues) takes its work. {@code FOR UPDATE SKIP LOCKED} lets several
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
}
