package dev.lifeline.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The tests' Kafka broker and PostgreSQL as Testcontainers containers ({@code LIFELINE_TEST_INFRA=testcontainers}):
 * the apache/kafka image of the broker version {@code deploy/lifeline} runs, and PostgreSQL of the machines' system
 * major version, with the service's database owned by the same login role. Only {@link LocalInfrastructure} uses it,
 * and only the config it yields is seen by the tests.
 */
final class TestcontainersInfrastructure {

    /** The major version of the system PostgreSQL on the project's machines (docs/platform.md). */
    static final String POSTGRES_IMAGE = "postgres:15-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private TestcontainersInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Whether Testcontainers finds a Docker engine that answers (it tries each of its discovery strategies once). */
    static boolean dockerEngineAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static String kafkaImage() {
        return "apache/kafka:" + KafkaBroker.version();
    }

    /** The local broker's settings as the apache/kafka image takes them: num.partitions as KAFKA_NUM_PARTITIONS. */
    static Map<String, String> kafkaEnvironment() {
        Map<String, String> environment = new HashMap<>();
        KafkaBroker.SINGLE_NODE_SETTINGS.forEach((key, value) ->
                environment.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    /**
     * Starts a broker (if {@code withKafka}) and a PostgreSQL with {@code database} (if not null) in parallel and
     * returns once both accept connections; on failure stops what did start.
     */
    static TestcontainersInfrastructure start(boolean withKafka, String database, String password) {
        KafkaContainer kafka = withKafka ? new KafkaContainer(kafkaImage()).withEnv(kafkaEnvironment()) : null;
        // The throwaway settings of the local test cluster (PostgresServer), whatever the image's defaults.
        PostgreSQLContainer postgres = database == null ? null : new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(database)
                .withUsername(PostgresServer.USER)
                .withPassword(password)
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                        "-c", "max_connections=200");
        TestcontainersInfrastructure infrastructure = new TestcontainersInfrastructure(kafka, postgres);
        try {
            Startables.deepStart(infrastructure.containers()).join();
            return infrastructure;
        } catch (CompletionException e) {
            infrastructure.stop();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The config keys of what was started: {@code kafka.bootstrap.servers}, {@code quarkus.datasource.*}. */
    Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        if (kafka != null) {
            config.put("kafka.bootstrap.servers", kafka.getBootstrapServers());
        }
        if (postgres != null) {
            config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl());
            config.put("quarkus.datasource.username", postgres.getUsername());
            config.put("quarkus.datasource.password", postgres.getPassword());
        }
        return config;
    }

    /** Stops and removes the containers (their data goes with them). */
    void stop() {
        containers().forEach(GenericContainer::stop);
    }

    private List<GenericContainer<?>> containers() {
        List<GenericContainer<?>> containers = new ArrayList<>();
        if (kafka != null) {
            containers.add(kafka);
        }
        if (postgres != null) {
            containers.add(postgres);
        }
        return containers;
    }
}
