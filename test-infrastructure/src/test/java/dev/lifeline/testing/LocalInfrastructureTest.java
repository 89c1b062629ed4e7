package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalInfrastructureTest {

    private static final LocalInfrastructure infrastructure = new LocalInfrastructure();
    private static Map<String, String> config;

    @BeforeAll
    static void start() {
        infrastructure.init(Map.of("database", "identity", "mail", "true"));
        config = infrastructure.start();
    }

    @AfterAll
    static void stop() {
        infrastructure.stop();
    }

    @Test
    void configPointsTheDatasourceAtTheCreatedDatabase() throws Exception {
        assertThat(config.get("quarkus.datasource.jdbc.url")).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/identity");

        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
            ResultSet result = connection.createStatement().executeQuery("SELECT current_database()");
            result.next();
            assertThat(result.getString(1)).isEqualTo("identity");
        }
    }

    @Test
    void configPointsKafkaAtTheStartedBroker() {
        String bootstrap = config.get("kafka.bootstrap.servers");

        assertThat(bootstrap).startsWith("127.0.0.1:");
        assertThat(Ports.accepts(Integer.parseInt(bootstrap.substring("127.0.0.1:".length())))).isTrue();
    }

    @Test
    void configPointsTheMailerAtGreenMail() throws Exception {
        assertThat(config).containsEntry("quarkus.mailer.host", "127.0.0.1").containsEntry("quarkus.mailer.mock", "false");
        assertThat(Ports.accepts(Integer.parseInt(config.get("quarkus.mailer.port")))).isTrue();

        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(config.get("lifeline.testing.mail-api-url") + "/api/service/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
    }

    @Test
    void byDefaultTheDatabaseIsALocalProcessThatCanBeStopped() {
        // LIFELINE_TEST_INFRA unset means auto, which keeps local processes where a system PostgreSQL is installed
        // or no Docker engine answers: both hold on the project's machines.
        assertThat(LocalInfrastructure.ownsDatabase()).isTrue();
    }

    @Test
    void staticAccessorsReportTheEndpointsInUse() {
        assertThat(LocalInfrastructure.bootstrapServers()).isEqualTo(config.get("kafka.bootstrap.servers"));
        assertThat(LocalInfrastructure.jdbcUrl()).isEqualTo(config.get("quarkus.datasource.jdbc.url"));
        assertThat(LocalInfrastructure.mailApiUrl()).isEqualTo(config.get("lifeline.testing.mail-api-url"));
        assertThat(LocalInfrastructure.smtpPort()).isEqualTo(Integer.parseInt(config.get("quarkus.mailer.port")));
    }
}
