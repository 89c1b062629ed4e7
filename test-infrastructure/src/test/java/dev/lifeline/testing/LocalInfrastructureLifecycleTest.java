package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalInfrastructureLifecycleTest {

    private static final String[] GIVEN = {"KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"};

    @AfterEach
    void forgetGivenEndpoints() {
        for (String name : GIVEN) {
            System.clearProperty(name);
        }
    }

    @Test
    void givenEndpointsAreUsedAndNothingIsStarted() {
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092");
        System.setProperty("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:25432/identity");
        System.setProperty("QUARKUS_DATASOURCE_USERNAME", "someone");
        System.setProperty("QUARKUS_DATASOURCE_PASSWORD", "secret");
        LocalInfrastructure infrastructure = new LocalInfrastructure();
        infrastructure.init(Map.of("database", "identity"));

        long start = System.nanoTime();
        Map<String, String> config = infrastructure.start();
        long millis = (System.nanoTime() - start) / 1_000_000;
        infrastructure.stop();

        assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:29092",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:25432/identity",
                "quarkus.datasource.username", "someone",
                "quarkus.datasource.password", "secret"));
        assertThat(millis).as("nothing was started").isLessThan(1000);
    }

    @Test
    void stopEndsEverythingItStarted() {
        LocalInfrastructure infrastructure = new LocalInfrastructure();
        infrastructure.init(Map.of());
        Map<String, String> config = infrastructure.start();
        int kafkaPort = port(config.get("kafka.bootstrap.servers"));
        int postgresPort = port(config.get("quarkus.datasource.jdbc.url").replaceAll("/[^/]*$", ""));

        infrastructure.stop();

        assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/lifeline");
        assertThat(Ports.accepts(kafkaPort)).isFalse();
        assertThat(Ports.accepts(postgresPort)).isFalse();
        assertThatThrownBy(LocalInfrastructure::bootstrapServers).hasMessageContaining("has not started");
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
