package dev.lifeline.messaging;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One instance's turn to publish: a session-level PostgreSQL advisory lock held on a connection of its own for the
 * length of a batch, outside any transaction (the batch's transactions are short and the broker is called between
 * them). The lock goes with the connection if the process or the database dies; {@link #close} gives it back
 * before the connection returns to the pool (an unlock fails only with its connection, which takes the lock along).
 */
final class RelayTurn implements AutoCloseable {

    private final Connection connection;
    private final long key;
    private final boolean taken;

    private RelayTurn(Connection connection, long key, boolean taken) {
        this.connection = connection;
        this.key = key;
        this.taken = taken;
    }

    static RelayTurn take(AgroalDataSource dataSource, long key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            return new RelayTurn(connection, key, ask(connection, "SELECT pg_try_advisory_lock(?)", key));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not ask for the outbox relay's turn", e);
        }
    }

    boolean taken() {
        return taken;
    }

    @Override
    public void close() {
        try {
            if (taken) {
                ask(connection, "SELECT pg_advisory_unlock(?)", key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the outbox relay's turn", e);
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean ask(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to give back
            }
        }
    }
}
