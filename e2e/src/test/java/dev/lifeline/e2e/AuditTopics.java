package dev.lifeline.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/** The suite's topics as an audit consumer reads them: every record from the start, with its CloudEvents headers. */
final class AuditTopics {

    static final String IDENTITY = "lifeline.identity.v1";
    static final List<String> ALL = List.of(IDENTITY, "lifeline.email-verification.v1", "lifeline.kyc.v1",
            "lifeline.notification.v1");

    /** One record, decoded as text. */
    record Event(String topic, int partition, long offset, String key, Map<String, String> headers, String value) {

        String type() {
            return headers.getOrDefault("ce_type", "");
        }

        String subject() {
            return headers.getOrDefault("ce_subject", "");
        }

        /** Key, headers and value, for searching the dump. */
        String dump() {
            return topic + " " + key + " " + headers + " " + value;
        }
    }

    private final String bootstrapServers;

    AuditTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record the topics hold now, each topic's partitions read to their end; per partition in offset order. */
    List<Event> read(List<String> topics) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics + " to their end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    events.add(new Event(record.topic(), record.partition(), record.offset(), record.key(), headers,
                            record.value()));
                }
            }
            events.sort(Comparator.comparing(Event::topic).thenComparing(Event::partition)
                    .thenComparing(Event::offset));
            return events;
        }
    }

    /** The events of one recovery (its ce_subject) on a topic, in the order the topic holds them. */
    List<Event> ofRecovery(String topic, String recoveryId) {
        return read(List.of(topic)).stream().filter(event -> event.subject().equals(recoveryId)).toList();
    }

    /** Waits until the recovery's events on the topic include one of {@code type}, and returns it. */
    Event awaitEvent(String topic, String recoveryId, String type) {
        return await(type + " of recovery " + recoveryId + " on " + topic).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ofRecovery(topic, recoveryId).stream().filter(e -> e.type().equals(type)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /**
     * Waits until the consumer group {@code group} (a service's, named after it) has committed past the event: the
     * service has processed it (its inbox commits the effect before the offset moves on).
     */
    void awaitConsumed(String group, Event event) {
        TopicPartition partition = new TopicPartition(event.topic(), event.partition());
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            await(group + " consumed " + event.type() + " of " + event.subject()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        OffsetAndMetadata committed = committed(admin, group, partition);
                        return committed != null && committed.offset() > event.offset();
                    });
        }
    }

    /**
     * The partitions of {@code topic} each member of consumer group {@code group} holds now (members holding none
     * left out): one entry per consumer, so two entries mean two instances share the topic.
     */
    Map<String, Set<Integer>> assignments(String group, String topic) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(10, TimeUnit.SECONDS);
            Map<String, Set<Integer>> assignments = new TreeMap<>();
            for (MemberDescription member : description.members()) {
                Set<Integer> partitions = new TreeSet<>();
                member.assignment().topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
                        .forEach(partition -> partitions.add(partition.partition()));
                if (!partitions.isEmpty()) {
                    assignments.put(member.consumerId(), partitions);
                }
            }
            return assignments;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OffsetAndMetadata committed(Admin admin, String group, TopicPartition partition)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(partition);
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }
}
