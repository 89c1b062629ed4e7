package dev.lifeline.messaging;

import dev.lifeline.events.CloudEventHeaders;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes one batch of unsent outbox rows, in outbox order, and then marks them sent.
 *
 * <p><b>The broker is never called inside a transaction.</b> A batch is three steps: read the rows (a short
 * transaction), send them all and wait for the broker (no transaction), record the outcome (a second short
 * transaction: one UPDATE for the rows sent, one per row parked). Before, the sends ran inside the batch's JTA
 * transaction, and context propagation carried that transaction into the producer's completion callbacks on the
 * Kafka I/O thread: now and then a callback was still running when the relay thread committed, Narayana refused
 * the commit ("ARJUNA012094: Commit ... invoked while multiple threads active within it"), the batch rolled back
 * although the broker had taken every record, and the whole batch went out again. {@link #requireNoTransaction}
 * refuses a send in a transaction and an architecture rule keeps {@code @Transactional} away from the emitter.
 *
 * <p>Only one instance of a service publishes at a time: a batch runs while its instance holds a session-level
 * PostgreSQL advisory lock ({@link RelayTurn}) on a connection of its own, so two instances never interleave the
 * events of one recovery (SKIP LOCKED alone would). A crashed instance's lock goes with its connection.
 *
 * <p>A row the broker can never take (too large, an invalid topic, refused) is parked with the reason and logged
 * at ERROR; the rows after it go on, so one poison row delays nothing else. Any other failure (the broker is away)
 * records nothing, and the whole batch is published again, in order, after a backoff.
 *
 * <p>At-least-once: if the process dies after the broker acknowledged and before the outcome is recorded, the rows
 * are published again after the restart; consumers' inboxes drop the duplicates by {@code ce_id}.
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
    private final AgroalDataSource dataSource;
    private final TransactionManager transactions;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration sendTimeout;

    OutboxPublisher(EntityManager entityManager,
                    AgroalDataSource dataSource,
                    TransactionManager transactions,
                    @Channel("lifeline-outbox") MutinyEmitter<String> emitter,
                    @ConfigProperty(name = "lifeline.outbox.batch-size") int batchSize,
                    @ConfigProperty(name = "lifeline.outbox.send-timeout") Duration sendTimeout,
                    @ConfigProperty(name = "mp.messaging.outgoing.lifeline-outbox.delivery.timeout.ms",
                            defaultValue = "120000") long deliveryTimeoutMs) {
        requireConsistentTimeouts(Duration.ofMillis(deliveryTimeoutMs), sendTimeout);
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /**
     * The relay waits {@code sendTimeout} for the producer, which may retry a record for {@code delivery.timeout.ms}:
     * a shorter wait gives up on records that are still on their way and publishes them again needlessly.
     */
    static void requireConsistentTimeouts(Duration deliveryTimeout, Duration sendTimeout) {
        if (sendTimeout.compareTo(deliveryTimeout) < 0) {
            throw new IllegalStateException("lifeline.outbox.send-timeout (" + sendTimeout + ") is shorter than the "
                    + "producer's delivery.timeout.ms (" + deliveryTimeout.toMillis() + " ms): the relay would publish "
                    + "records again while the producer is still delivering them");
        }
    }

    Batch publishBatch() {
        requireNoTransaction();
        try (RelayTurn turn = RelayTurn.take(dataSource, RELAY_LOCK)) {
            if (!turn.taken()) {
                return Batch.LOCKED_BY_ANOTHER_INSTANCE;
            }
            List<OutboxMessage> unsent = QuarkusTransaction.requiringNew().call(() ->
                    OutboxMessage.<OutboxMessage>find("sentAt is null and parkedAt is null order by position")
                            .page(0, batchSize).list());
            if (unsent.isEmpty()) {
                return Batch.EMPTY;
            }
            List<Throwable> failures = sendAll(unsent);
            record(unsent, failures);
            return unsent.size() < batchSize ? Batch.PARTIAL : Batch.FULL;
        }
    }

    /**
     * Sends the whole batch before waiting: the idempotent producer keeps the records of one partition in send
     * order, so per-recovery order holds without a round trip per record. One entry per row, null where it was sent.
     */
    private List<Throwable> sendAll(List<OutboxMessage> unsent) {
        List<Uni<Throwable>> outcomes = unsent.stream()
                .map(message -> send(message).onItemOrFailure().transform((ok, failure) -> failure))
                .toList();
        return Uni.join().all(outcomes).andFailFast().await().atMost(sendTimeout);
    }

    /** Marks the rows sent and parks the poison ones, or, if any row failed for another reason, records nothing. */
    private void record(List<OutboxMessage> unsent, List<Throwable> failures) {
        List<UUID> sent = new ArrayList<>();
        Map<OutboxMessage, Throwable> poisoned = new LinkedHashMap<>();
        for (int i = 0; i < unsent.size(); i++) {
            Throwable failure = failures.get(i);
            if (failure == null) {
                sent.add(unsent.get(i).id);
            } else if (isPoison(failure)) {
                poisoned.put(unsent.get(i), failure);
            } else {
                // Nothing recorded: the whole batch goes again, in order.
                throw new IllegalStateException("could not publish " + unsent.get(i).type + " " + unsent.get(i).id, failure);
            }
        }
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!sent.isEmpty()) {
                entityManager.createQuery("update OutboxMessage set sentAt = :now where id in :ids")
                        .setParameter("now", now).setParameter("ids", sent).executeUpdate();
            }
            poisoned.forEach((message, failure) -> park(message, failure, now));
        });
    }

    /** The broker is never called inside a transaction (see the class comment for what that once cost). */
    private void requireNoTransaction() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                throw new IllegalStateException("the outbox relay must not publish inside a transaction");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private void park(OutboxMessage message, Throwable failure, Instant now) {
        entityManager.createQuery("update OutboxMessage set parkedAt = :now, parkReason = :reason where id = :id")
                .setParameter("now", now).setParameter("reason", failure.toString()).setParameter("id", message.id)
                .executeUpdate();
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
                .build();
        // Binary mode carries datacontenttype in content-type alone (the Kafka binding, 3.2.1); given as metadata,
        // the connector wrote it twice, also as ce_datacontenttype, which the binding's own readers do not expect.
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON.getBytes(StandardCharsets.UTF_8));
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
