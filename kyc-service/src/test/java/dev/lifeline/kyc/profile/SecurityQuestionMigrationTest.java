package dev.lifeline.kyc.profile;

import dev.lifeline.kyc.testing.KycTest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5__security_question_keys.sql on questions as owners typed them before the catalogue: the service's migrations up
 * to V4 in a schema of their own, old rows, then V5; on connections of its own, not the pool's, whose search path
 * the other tests rely on.
 */
@KycTest
class SecurityQuestionMigrationTest {

    private static final String SCHEMA = "v5_migration_test";
    private static final String ACCOUNT = "00000000-0000-0000-0000-0000000000a5";

    @BeforeEach
    void migrateToV4() throws SQLException {
        dropSchema();
        flyway("4").migrate();
        execute("INSERT INTO kyc_profile VALUES ('" + ACCOUNT + "', '张*', 'h', 'h', '1101**********002X', 'ICBC', "
                + "'4321', 'h', '2015-03-14', now(), now(), 0)");
        List<String> questions = List.of("What was the name of your first pet?", "您母亲的姓名是？",
                "Your first pet's name?", "您的第一只宠物叫什么名字？");
        for (int i = 0; i < questions.size(); i++) {
            execute("INSERT INTO kyc_security_question VALUES ('" + ACCOUNT + "', " + i + ", '"
                    + questions.get(i).replace("'", "''") + "', 'pbkdf2-sha256$1$c2FsdA==$aGFzaA==')");
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void catalogueTextsBecomeKeysAndEveryOtherQuestionIsKeptWithItsAnswer() throws SQLException {
        flyway("5").migrate();

        assertThat(rows()).containsExactly(
                "0 first-pet null",
                "1 mother-maiden-name null",
                "2 null Your first pet's name?",
                // the same question in the other language: the key is taken, so it is kept like free text
                "3 null 您的第一只宠物叫什么名字？");
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT position, question_key, legacy_question, answer_hash FROM "
                     + SCHEMA + ".kyc_security_question ORDER BY position")) {
            while (result.next()) {
                assertThat(result.getString("answer_hash")).isEqualTo("pbkdf2-sha256$1$c2FsdA==$aGFzaA==");
                rows.add(result.getInt("position") + " " + result.getString("question_key") + " "
                        + result.getString("legacy_question"));
            }
        }
        return rows;
    }

    private Flyway flyway(String target) {
        Config config = ConfigProvider.getConfig();
        return Flyway.configure().dataSource(config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null))
                .schemas(SCHEMA).locations("db/migration").target(target)
                .load();
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            if (!sql.startsWith("DROP")) {
                statement.execute("SET search_path TO " + SCHEMA);
            }
            statement.execute(sql);
        }
    }
}
