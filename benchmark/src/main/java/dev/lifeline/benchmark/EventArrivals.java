package dev.lifeline.benchmark;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each event of the saga reached a consumer of our own, by subject (the recovery) and event name: the moment
 * an audit consumer, or the next service, could have seen it. A hop is the time between the arrival of the event a
 * service reacts to and the arrival of the one it answers with, so both carry the same consumer's delay. (The
 * records' own timestamps are the events' occurredAt, set before the transaction that wrote them.)
 */
final class EventArrivals implements AutoCloseable {

    private static final List<String> TOPICS = List.of(Topics.IDENTITY, Topics.EMAIL_VERIFICATION, Topics.KYC,
            Topics.NOTIFICATION);

    private final Map<String, Map<String, Instant>> arrivals = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    EventArrivals(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = TOPICS.stream()
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
                        Instant now = Instant.now();
                        String subject = header(record, CloudEventHeaders.SUBJECT);
                        String type = header(record, CloudEventHeaders.TYPE);
                        if (subject != null && type != null) {
                            arrivals.computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
                                    .putIfAbsent(eventName(type), now);
                        }
                    }
                }
            }
        }, "benchmark-arrivals");
        poller.setDaemon(true);
        poller.start();
    }

    /** {@code RecoveryRequested} of the CloudEvents type {@code dev.lifeline.RecoveryRequested.v1}. */
    static String eventName(String ceType) {
        String[] parts = ceType.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : ceType;
    }

    /** When the first event of that name about {@code subject} arrived. */
    Optional<Instant> arrival(String subject, String eventName) {
        return Optional.ofNullable(arrivals.getOrDefault(subject, Map.of()).get(eventName));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
