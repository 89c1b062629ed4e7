package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.RecoveryExpired;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: measures how long an event takes from its transaction's commit to a consumer, through the outbox
 * relay, next to the floor of a bare idempotent produce → consume round trip on the same broker. Excluded from
 * the test run (tag "benchmark"); run it with the command in messaging/README.md ("The outbox hop") and copy the
 * figures there.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class OutboxLatencyBenchmark {

    private static final int WARM_UP = 100;
    private static final int MEASURED = 500;
    private static final String BARE_TOPIC = "lifeline.benchmark-bare.v1";

    @Inject
    TestCommands commands;

    @Test
    void commitToConsumerThroughTheOutboxAgainstABareKafkaRoundTrip() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String outboxTopic = OutboxTest.expired(UUID.randomUUID()).type().topic();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "0"),
                     new StringSerializer(), new StringSerializer())) {
            // Both topics must exist before the consumer assigns their partitions.
            send(producer, UUID.randomUUID());
            KafkaTestClient kafka = KafkaTestClient.forApplication();
            RecoveryExpired first = OutboxTest.expired(UUID.randomUUID());
            commands.commit(first);
            kafka.readUntil(outboxTopic, record -> first.eventId().toString().equals(KafkaTestClient.header(record, CloudEventHeaders.ID)));
            Arrivals arrivals = new Arrivals(bootstrap, List.of(outboxTopic, BARE_TOPIC));

            long[] bare = measure(arrivals, id -> send(producer, id));
            long[] outbox = measure(arrivals, id -> commands.commit(new RecoveryExpired(id, UUID.randomUUID(),
                    UUID.randomUUID(), java.time.Instant.now())));

            String report = String.format("""
                    outbox hop vs bare Kafka round trip (%d measured after %d warm-up, microseconds)
                    bare produce->consume (acks=all, idempotent): p50 %d  p90 %d  p99 %d  max %d
                    commit->consume through the outbox relay:     p50 %d  p90 %d  p99 %d  max %d
                    ratio of medians: %.2f
                    """, MEASURED, WARM_UP,
                    pct(bare, 50), pct(bare, 90), pct(bare, 99), bare[bare.length - 1],
                    pct(outbox, 50), pct(outbox, 90), pct(outbox, 99), outbox[outbox.length - 1],
                    (double) pct(outbox, 50) / pct(bare, 50));
            System.out.print(report);
            Path out = Path.of("target", "benchmarks", "outbox-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            assertThat(outbox).hasSize(MEASURED);
            arrivals.close();
        }
    }

    private static void send(KafkaProducer<String, String> producer, UUID id) {
        ProducerRecord<String, String> record = new ProducerRecord<>(BARE_TOPIC, id.toString(), "{}");
        record.headers().add(CloudEventHeaders.ID, id.toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sorted latencies in microseconds from "action started" to "consumer saw the record with that ce_id". */
    private static long[] measure(Arrivals arrivals, Consumer<UUID> action) {
        long[] latencies = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            UUID id = UUID.randomUUID();
            long start = System.nanoTime();
            action.accept(id);
            long arrived = arrivals.await(id.toString());
            if (i >= WARM_UP) {
                latencies[i - WARM_UP] = (arrived - start) / 1_000;
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static long pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    /** A consumer thread noting when each ce_id arrives. */
    private static final class Arrivals implements AutoCloseable {
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final Thread poller;
        private volatile boolean running = true;

        Arrivals(String bootstrap, List<String> topics) {
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            String id = KafkaTestClient.header(record, CloudEventHeaders.ID);
                            if (id != null) {
                                seen.put(id, now);
                            }
                        }
                    }
                }
            }, "benchmark-arrivals");
            poller.start();
        }

        long await(String id) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Long arrived;
            while ((arrived = seen.remove(id)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("record " + id + " never arrived");
                }
                Thread.onSpinWait();
            }
            return arrived;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join();
        }
    }
}
