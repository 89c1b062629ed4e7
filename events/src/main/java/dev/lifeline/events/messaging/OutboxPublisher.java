package dev.lifeline.events.messaging;

import dev.lifeline.events.CloudEventHeaders;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Publishes one batch of unsent outbox rows, in outbox order, and marks them sent in the same transaction.
 *
 * <p>Only one instance of a service publishes at a time: the batch runs under a transaction-scoped PostgreSQL
 * advisory lock, so two instances never interleave the events of one recovery (SKIP LOCKED alone would).
 *
 * <p>A row the broker can never take (too large, an invalid topic, refused) is parked with the reason and logged
 * at ERROR; the rows after it go on, so one poison row delays nothing else. Any other failure (the broker is away)
 * rolls the whole batch back to be published again, in order, after a backoff.
 *
 * <p>Started eagerly so that inconsistent timeouts stop the service at start-up rather than at the first event.
 */
@Startup
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    /** Failures that come back for the same record however often it is sent. */
    private static final Set<Class<? extends Throwable>> POISON = Set.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, InvalidRecordException.class,
            TopicAuthorizationException.class, SerializationException.class, UnknownServerException.class);

    /** Arbitrary, fixed: each service has its own database, so the key only has to be unique within it. */
    static final long RELAY_LOCK = 0x11FE11FEL;

    enum Batch { EMPTY, PARTIAL, FULL, LOCKED_BY_ANOTHER_INSTANCE }

    private final EntityManager entityManager;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration sendTimeout;

    OutboxPublisher(EntityManager entityManager,
                    @Channel("lifeline-outbox") MutinyEmitter<String> emitter,
                    @ConfigProperty(name = "lifeline.outbox.batch-size") int batchSize,
                    @ConfigProperty(name = "lifeline.outbox.send-timeout") Duration sendTimeout,
                    @ConfigProperty(name = "mp.messaging.outgoing.lifeline-outbox.delivery.timeout.ms",
                            defaultValue = "120000") long deliveryTimeoutMs,
                    @ConfigProperty(name = "quarkus.transaction-manager.default-transaction-timeout",
                            defaultValue = "60s") Duration transactionTimeout) {
        requireConsistentTimeouts(Duration.ofMillis(deliveryTimeoutMs), sendTimeout, transactionTimeout);
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /**
     * The relay waits {@code sendTimeout} for the producer, which may retry a record for {@code delivery.timeout.ms}:
     * a shorter wait gives up on records that are still on their way and publishes them again needlessly. The wait
     * runs inside the batch's transaction, which must outlive it, or the rows could never be marked sent.
     */
    static void requireConsistentTimeouts(Duration deliveryTimeout, Duration sendTimeout, Duration transactionTimeout) {
        if (sendTimeout.compareTo(deliveryTimeout) < 0) {
            throw new IllegalStateException("lifeline.outbox.send-timeout (" + sendTimeout + ") is shorter than the "
                    + "producer's delivery.timeout.ms (" + deliveryTimeout.toMillis() + " ms): the relay would publish "
                    + "records again while the producer is still delivering them");
        }
        if (sendTimeout.compareTo(transactionTimeout) >= 0) {
            throw new IllegalStateException("lifeline.outbox.send-timeout (" + sendTimeout + ") must be shorter than "
                    + "quarkus.transaction-manager.default-transaction-timeout (" + transactionTimeout + "): the "
                    + "relay waits for the broker inside its transaction");
        }
    }

    @Transactional
    Batch publishBatch() {
        boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", RELAY_LOCK)
                .getSingleResult();
        if (!locked) {
            return Batch.LOCKED_BY_ANOTHER_INSTANCE;
        }
        List<OutboxMessage> unsent = OutboxMessage.find("sentAt is null and parkedAt is null order by position")
                .page(0, batchSize).list();
        if (unsent.isEmpty()) {
            return Batch.EMPTY;
        }
        // The idempotent producer keeps the records of one partition in send order, so sending the whole batch
        // before waiting keeps per-recovery order without paying a round trip per record.
        List<Uni<Throwable>> outcomes = unsent.stream()
                .map(message -> send(message).onItemOrFailure().transform((ok, failure) -> failure))
                .toList();
        List<Throwable> failures = Uni.join().all(outcomes).andFailFast().await().atMost(sendTimeout);

        Instant now = Instant.now();
        RuntimeException retryLater = null;
        for (int i = 0; i < unsent.size(); i++) {
            OutboxMessage message = unsent.get(i);
            Throwable failure = failures.get(i);
            if (failure == null) {
                message.sentAt = now;
            } else if (isPoison(failure)) {
                park(message, failure, now);
            } else if (retryLater == null) {
                retryLater = new IllegalStateException("could not publish " + message.type + " " + message.id, failure);
            }
        }
        if (retryLater != null) {
            throw retryLater; // roll back: the whole batch goes again, in order
        }
        // At-least-once: if we crash after Kafka acknowledged but before this commit, the rows are published
        // again after the restart. Consumers' inboxes drop the duplicates by ce_id.
        return unsent.size() < batchSize ? Batch.PARTIAL : Batch.FULL;
    }

    private static void park(OutboxMessage message, Throwable failure, Instant now) {
        message.parkedAt = now;
        message.parkReason = failure.toString();
        LOG.errorf("Parked outbox event %s %s (key %s): the broker cannot take it (%s). The events after it go on; "
                        + "clear outbox_message.parked_at to publish it again once the cause is fixed.",
                message.type, message.id, message.messageKey, failure);
    }

    private static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (POISON.contains(cause.getClass())) {
                return true;
            }
        }
        return false;
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
