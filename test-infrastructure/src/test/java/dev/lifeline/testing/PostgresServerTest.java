package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    private static final String PASSWORD = "it's-a-secret";

    @TempDir
    static Path dir;

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start(dir.resolve("postgresql.log"), Ports.free(), PASSWORD, List.of("orders"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void loginRoleOwnsTheCreatedDatabaseAndConnectsOverTcp() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("orders"), "lifeline", PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE recovery (id uuid PRIMARY KEY)");
            ResultSet result = statement.executeQuery("SELECT current_database(), current_user");
            result.next();

            assertThat(result.getString(1)).isEqualTo("orders");
            assertThat(result.getString(2)).isEqualTo("lifeline");
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("orders"), "lifeline", "guess").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void jdbcUrlNamesTheLoopbackAddressPortAndDatabase() {
        assertThat(server.jdbcUrl("kyc")).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/kyc");
    }

    @Test
    void databaseNameMustBePlain() {
        assertThatThrownBy(() -> PostgresServer.start(dir.resolve("never.log"), Ports.free(), PASSWORD,
                List.of("x; DROP ROLE lifeline"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverRunsAsAnUnprivilegedUserWhenStartedByRoot() {
        String expected = PostgresServer.runningAsRoot() ? PostgresServer.systemUser() : System.getProperty("user.name");

        assertThat(ProcessHandle.of(server.process().pid()).flatMap(h -> h.info().user())).hasValue(expected);
    }

    @Test
    void embeddedBinariesServeWhereNoPostgresIsInstalled() throws SQLException {
        PostgresServer embedded = PostgresServer.start(EmbeddedPostgresBinaries.unpack(), dir.resolve("embedded.log"),
                Ports.free(), PASSWORD, List.of("kyc"));
        try (Connection connection = DriverManager.getConnection(embedded.jdbcUrl("kyc"), "lifeline", PASSWORD);
             ResultSet result = connection.createStatement().executeQuery("SHOW server_version")) {
            result.next();

            assertThat(result.getString(1)).startsWith("14.");
        } finally {
            embedded.stop();
        }
    }

    @Test
    void restartAfterAShutdownServesTheSameDataOnTheSamePort() throws SQLException {
        PostgresServer restarted = PostgresServer.start(dir.resolve("restarted.log"), Ports.free(), PASSWORD,
                List.of("kyc"));
        try {
            try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl("kyc"), "lifeline", PASSWORD)) {
                connection.createStatement().execute("CREATE TABLE evidence (id int PRIMARY KEY); INSERT INTO evidence VALUES (7)");
            }

            restarted.shutDownKeepingData();
            assertThatThrownBy(() -> DriverManager.getConnection(restarted.jdbcUrl("kyc"), "lifeline", PASSWORD).close())
                    .isInstanceOf(SQLException.class);
            restarted.restart();

            try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl("kyc"), "lifeline", PASSWORD);
                 ResultSet result = connection.createStatement().executeQuery("SELECT id FROM evidence")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(7);
            }
        } finally {
            restarted.stop();
        }
    }

    @Test
    void stopShutsTheServerDownAndDeletesItsData() {
        PostgresServer other = PostgresServer.start(dir.resolve("other.log"), Ports.free(), PASSWORD, List.of());

        other.stop();

        assertThat(other.process().isAlive()).isFalse();
        assertThat(Files.exists(other.baseDir())).isFalse();
        assertThat(dir.resolve("other.log")).content().contains("database system is shut down");
    }
}
