package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.KafkaBroker;
import dev.lifeline.testing.Ports;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy/lifeline dlq} against a real broker, through the CLI and its own Kafka class loader. */
class DeadLettersTest {

    @TempDir
    static Path dir;

    @TempDir
    Path repo;

    private static KafkaBroker broker;

    private final String topic = "lifeline.redrive-test-" + UUID.randomUUID() + ".v1";
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void startBroker() {
        int[] ports = Ports.free(2);
        broker = KafkaBroker.start(dir.resolve("kafka"), dir.resolve("kafka.log"), ports[0], ports[1]);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @BeforeEach
    void recordTheRun() {
        RunState.create(new RunDirectory(repo).stateFile()).put("kafka.bootstrapServers", broker.bootstrapServers()).save();
    }

    @Test
    void listShowsEveryDeadLetterWithItsTypeIdAndReason() {
        deadLetter("recovery-1", "evt-1", "database down");
        deadLetter("recovery-2", "evt-2", "unknown event type");

        assertThat(run("dlq", "list", topic)).as(this::err).isZero();

        assertThat(out()).contains("key=recovery-1  dev.lifeline.IdentityConfirmed.v1 evt-1  reason: database down")
                .contains("key=recovery-2  dev.lifeline.IdentityConfirmed.v1 evt-2  reason: unknown event type")
                .contains("2 dead letter(s) on " + topic + ".dlq not redriven yet");
    }

    @Test
    void redriveRepublishesToTheOriginalTopicWithKeyValueAndCloudEventsHeadersButNoDeadLetterHeaders() {
        deadLetter("recovery-1", "evt-1", "database down");

        assertThat(run("dlq", "redrive", topic)).as(this::err).isZero();

        List<ConsumerRecord<String, String>> republished = readAll(topic);
        assertThat(republished).hasSize(1);
        ConsumerRecord<String, String> record = republished.get(0);
        assertThat(record.key()).isEqualTo("recovery-1");
        assertThat(record.value()).isEqualTo("{\"eventId\":\"evt-1\"}");
        assertThat(headerNames(record)).containsExactly("ce_specversion", "ce_id", "ce_type", "ce_source");
        assertThat(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo("evt-1");
        assertThat(out()).contains("Redrove 1 dead letter(s)");
    }

    @Test
    void secondRedriveRepublishesOnlyWhatWasDeadLetteredSinceTheFirst() {
        deadLetter("recovery-1", "evt-1", "database down");
        assertThat(run("dlq", "redrive", topic)).as(this::err).isZero();
        deadLetter("recovery-2", "evt-2", "database down");

        assertThat(run("dlq", "redrive", topic)).as(this::err).isZero();
        assertThat(run("dlq", "redrive", topic)).as(this::err).isZero();

        assertThat(readAll(topic)).extracting(ConsumerRecord::key).containsExactly("recovery-1", "recovery-2");
        assertThat(out()).contains("Redrove 0 dead letter(s)");
    }

    @Test
    void listAfterARedriveShowsNothingWaiting() {
        deadLetter("recovery-1", "evt-1", "database down");
        run("dlq", "redrive", topic);

        assertThat(run("dlq", "list", topic)).as(this::err).isZero();

        assertThat(out()).contains("0 dead letter(s) on " + topic + ".dlq not redriven yet.");
    }

    @Test
    void unknownDlqSubcommandIsAUsageError() {
        assertThat(run("dlq", "purge", topic)).isEqualTo(2);
        assertThat(err()).contains("dlq redrive TOPIC");
    }

    /** A record as SmallRye's dead-letter-queue strategy writes it: the original plus dead-letter-* headers. */
    private void deadLetter(String key, String ceId, String reason) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic + ".dlq", key, "{\"eventId\":\"" + ceId + "\"}");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", ceId);
        header(record, "ce_type", "dev.lifeline.IdentityConfirmed.v1");
        header(record, "ce_source", "/lifeline/kyc-service");
        header(record, "dead-letter-reason", reason);
        header(record, "dead-letter-topic", topic);
        header(record, "dead-letter-offset", "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private List<ConsumerRecord<String, String>> readAll(String name) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(name, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
            return records;
        }
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }

    private int run(String... args) {
        return new Lifeline(repo, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
