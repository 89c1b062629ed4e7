package dev.lifeline.events.messaging;

import dev.lifeline.events.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes one batch of unsent outbox rows, in outbox order, and marks them sent in the same transaction.
 *
 * <p>Only one instance of a service publishes at a time: the batch runs under a transaction-scoped PostgreSQL
 * advisory lock, so two instances never interleave the events of one recovery (SKIP LOCKED alone would).
 */
@ApplicationScoped
public class OutboxPublisher {

    /** Arbitrary, fixed: each service has its own database, so the key only has to be unique within it. */
    private static final long RELAY_LOCK = 0x11FE11FEL;

    enum Batch { EMPTY, PARTIAL, FULL, LOCKED_BY_ANOTHER_INSTANCE }

    private final EntityManager entityManager;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration sendTimeout;

    OutboxPublisher(EntityManager entityManager,
                    @Channel("lifeline-outbox") MutinyEmitter<String> emitter,
                    @ConfigProperty(name = "lifeline.outbox.batch-size") int batchSize,
                    @ConfigProperty(name = "lifeline.outbox.send-timeout") Duration sendTimeout) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    @Transactional
    Batch publishBatch() {
        boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", RELAY_LOCK)
                .getSingleResult();
        if (!locked) {
            return Batch.LOCKED_BY_ANOTHER_INSTANCE;
        }
        List<OutboxMessage> unsent = OutboxMessage.find("sentAt is null order by position").page(0, batchSize).list();
        if (unsent.isEmpty()) {
            return Batch.EMPTY;
        }
        // The idempotent producer keeps the records of one partition in send order, so sending the whole batch
        // before waiting keeps per-recovery order without paying a round trip per record.
        List<Uni<Void>> acks = unsent.stream().map(this::send).toList();
        Uni.join().all(acks).andFailFast().await().atMost(sendTimeout);

        // At-least-once: if we crash after Kafka acknowledged but before this commit, the rows are published
        // again after the restart. Consumers' inboxes drop the duplicates by ce_id.
        Instant sentAt = Instant.now();
        unsent.forEach(message -> message.sentAt = sentAt);
        return unsent.size() < batchSize ? Batch.PARTIAL : Batch.FULL;
    }

    private Uni<Void> send(OutboxMessage message) {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(message.id.toString())
                .withSource(URI.create(message.source))
                .withType(message.type)
                .withSubject(message.subject)
                .withTimestamp(message.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventHeaders.JSON)
                .build();
        RecordHeaders headers = new RecordHeaders();
        if (message.traceparent != null) {
            headers.add(CloudEventHeaders.TRACEPARENT, message.traceparent.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.messageKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(message.payload).addMetadata(cloudEvent).addMetadata(record));
    }
}
