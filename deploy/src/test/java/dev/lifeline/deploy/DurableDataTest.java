package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What `up` keeps across `down`/`up` and what `up --ephemeral` leaves behind, with real broker and database. */
class DurableDataTest {

    private final StandInSuite suite = new StandInSuite();

    @AfterEach
    void tearDown() {
        suite.close();
    }

    @Test
    void rowsAndTopicsSurviveDownAndUp() throws Exception {
        suite.up();
        String topic = "test-" + UUID.randomUUID();
        produce(suite.bootstrapServers(), topic, "recovery-1", "kept");
        try (Connection db = suite.database("identity"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE account (email text PRIMARY KEY)");
            sql.execute("INSERT INTO account VALUES ('alice@example.org')");
        }
        assertThat(suite.run("down")).isZero();

        suite.up();

        try (Connection db = suite.database("identity"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT email FROM account")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice@example.org");
        }
        assertThat(consumeAll(suite.bootstrapServers(), topic)).containsExactly("recovery-1=kept");
    }

    @Test
    void durableDatabaseRunsWithFsyncAndSynchronousCommit() throws Exception {
        suite.up();

        try (Connection db = suite.database("kyc"); Statement sql = db.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = sql.executeQuery("SHOW " + setting)) {
                    value.next();
                    assertThat(value.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
        assertThat(suite.output()).contains("Data: " + suite.runDirectory().data());
    }

    @Test
    void ephemeralRunLeavesNoDataBehind() {
        suite.up("--ephemeral");
        List<Path> dataDirs = suite.state().components().stream()
                .flatMap(component -> component.dataDir().stream()).toList();
        assertThat(dataDirs).hasSize(2).allSatisfy(dir -> assertThat(dir).exists());

        assertThat(suite.run("down")).isZero();

        assertThat(dataDirs).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(suite.runDirectory().data()).doesNotExist();
    }

    @Test
    void wipeDeletesTheKeptDataOnceTheSuiteIsDown() {
        suite.up();
        assertThat(suite.run("wipe")).isEqualTo(1);
        assertThat(suite.runDirectory().data()).exists();

        assertThat(suite.run("down")).isZero();
        assertThat(suite.run("wipe")).isZero();

        assertThat(suite.runDirectory().data()).doesNotExist();
    }

    static void produce(String bootstrapServers, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Every record on {@code topic} as key=value, read until a poll brings nothing new. */
    static List<String> consumeAll(String bootstrapServers, String topic) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                records.add(record.key() + "=" + record.value());
            }
        }
        return records;
    }
}
