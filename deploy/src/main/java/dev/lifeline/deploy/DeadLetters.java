package dev.lifeline.deploy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * {@code deploy/lifeline dlq list|redrive TOPIC}: the records a consumer dead-lettered to {@code TOPIC.dlq}, and
 * their republication to {@code TOPIC} once the cause is fixed — same key (so the same partition and order), same
 * value and CloudEvents headers, without the {@code dead-letter-*} headers the connector added.
 *
 * <p>What has been redriven is remembered as the offsets of the consumer group {@value #GROUP} on the dead-letter
 * topic, committed after the republished records are acknowledged, so a second redrive republishes nothing. A
 * crash in between republishes those records once more, which the consumers' inboxes drop by {@code ce_id}.
 *
 * <p>Runs with kafka-clients, which the launcher's own class path lacks: {@link KafkaClients} loads it.
 */
public final class DeadLetters {

    static final String GROUP = "lifeline-dlq-redrive";
    private static final String CONNECTOR_HEADERS = "dead-letter-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final PrintStream out;

    private DeadLetters(String bootstrapServers, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    /** Called through {@link KafkaClients}; {@code command} is {@code list} or {@code redrive}. */
    public static int run(String command, String topic, String bootstrapServers, PrintStream out) {
        String original = topic.endsWith(".dlq") ? topic.substring(0, topic.length() - 4) : topic;
        DeadLetters deadLetters = new DeadLetters(bootstrapServers, out);
        return "redrive".equals(command) ? deadLetters.redrive(original) : deadLetters.list(original);
    }

    private int list(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<ConsumerRecord<byte[], byte[]>> pending = pending(consumer, topic + ".dlq");
            for (ConsumerRecord<byte[], byte[]> record : pending) {
                out.printf("%s-%d@%d  key=%s  %s %s  reason: %s%n", record.topic(), record.partition(), record.offset(),
                        text(record.key()), header(record, "ce_type"), header(record, "ce_id"),
                        header(record, "dead-letter-reason"));
            }
            out.println(pending.size() + " dead letter(s) on " + topic + ".dlq not redriven yet"
                    + (pending.isEmpty() ? "." : "; republish them with: deploy/lifeline dlq redrive " + topic));
            return 0;
        }
    }

    private int redrive(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
            List<ConsumerRecord<byte[], byte[]>> pending = pending(consumer, topic + ".dlq");
            List<Future<?>> acks = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> redriven = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : pending) {
                RecordHeaders headers = new RecordHeaders();
                for (Header header : record.headers()) {
                    if (!header.key().startsWith(CONNECTOR_HEADERS)) {
                        headers.add(header);
                    }
                }
                acks.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
                redriven.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
            if (!redriven.isEmpty()) {
                consumer.commitSync(redriven, TIMEOUT);
            }
            out.println("Redrove " + pending.size() + " dead letter(s) from " + topic + ".dlq to " + topic + ".");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redriving " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not republish to " + topic + " (nothing was marked redriven; "
                    + "run redrive again): " + e.getCause(), e.getCause());
        }
    }

    /** The dead letters after the group's committed offsets (all of them the first time), up to the current end. */
    private List<ConsumerRecord<byte[], byte[]>> pending(KafkaConsumer<byte[], byte[]> consumer, String deadLetterTopic) {
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
                .map(info -> new TopicPartition(deadLetterTopic, info.partition()))
                .toList();
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
        if (partitions.isEmpty()) {
            return pending;
        }
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + deadLetterTopic + " to its end within "
                        + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    pending.add(record);
                }
            }
        }
        return pending;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // Listing a topic that does not exist must not create it.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "-" : new String(bytes, StandardCharsets.UTF_8);
    }
}
