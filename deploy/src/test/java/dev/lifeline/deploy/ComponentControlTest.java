package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.Ports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `stop COMPONENT [--kill]` and `start COMPONENT` on one running suite: each test takes one component away and
 * brings it back, so the suite is whole again for the next.
 */
class ComponentControlTest {

    private static StandInSuite suite;

    @BeforeAll
    static void up() {
        suite = new StandInSuite();
        suite.up();
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void stoppedBrokerStartsAgainOnTheSamePortWithItsTopics() throws Exception {
        String bootstrapServers = suite.bootstrapServers();
        String topic = "test-" + UUID.randomUUID();
        DurableDataTest.produce(bootstrapServers, topic, "recovery-1", "before");

        assertThat(suite.run("stop", "kafka")).as(suite.output()).isZero();
        assertThat(Ports.accepts(port(bootstrapServers))).isFalse();
        assertThat(suite.run("start", "kafka")).as(suite.output()).isZero();

        assertThat(suite.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(DurableDataTest.consumeAll(bootstrapServers, topic)).containsExactly("recovery-1=before");
    }

    @Test
    void killedServiceStartsAgainReadyWithTheEnvironmentUpGaveIt() throws Exception {
        String environment = suite.environmentOf(LifelineService.IDENTITY);
        RunState.Component killed = suite.state().component("identity-service").orElseThrow();

        assertThat(suite.run("stop", "identity-service", "--kill")).as(suite.output()).isZero();
        assertThat(killed.process()).isEmpty();
        assertThat(suite.run("start", "identity-service")).as(suite.output()).isZero();

        assertThat(suite.run("status")).as(suite.output()).isZero();
        assertThat(suite.environmentOf(LifelineService.IDENTITY)).isEqualTo(environment).contains("QUARKUS_HTTP_PORT=");
    }

    @Test
    void stoppedDatabaseStartsAgainWithItsRows() throws Exception {
        try (Connection db = suite.database("notification"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE delivery (id int PRIMARY KEY)");
            sql.execute("INSERT INTO delivery VALUES (1)");
        }

        assertThat(suite.run("stop", "postgresql")).as(suite.output()).isZero();
        assertThat(suite.run("status")).isEqualTo(1);
        assertThat(suite.run("start", "postgresql")).as(suite.output()).isZero();

        try (Connection db = suite.database("notification"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM delivery")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void startingARunningComponentIsRefused() {
        assertThat(suite.run("start", "mail")).isEqualTo(1);
        assertThat(suite.output()).contains("mail is already running (pid ");
    }

    private static int port(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }
}
