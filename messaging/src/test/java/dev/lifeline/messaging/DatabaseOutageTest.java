package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.lifeline.messaging.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The incident this guards against: a short PostgreSQL restart sent a real IdentityConfirmed to the DLQ. */
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @Inject
    TestEffects effects;

    @Inject
    AgroalDataSource dataSource;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();
    private final Logger inboxLog = Logger.getLogger(Inbox.class.getName());
    private final Queue<String> inboxWarnings = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            inboxWarnings.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureInboxLog() {
        inboxLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        inboxLog.removeHandler(capture);
    }

    @Test
    void eventConsumedWhileTheDatabaseIsDownIsAppliedOnceAfterItRestartsAndNothingIsDeadLettered() {
        assumeTrue(LocalInfrastructure.ownsDatabase(), "needs a PostgreSQL this JVM started, to stop and restart it");
        LifelineEvent evidence = InboxTest.confirmed(UUID.randomUUID());

        LocalInfrastructure.stopDatabase();
        Instant stopped = Instant.now();
        try {
            InboxTest.send(kafka, evidence);
            // The listener has the record and keeps failing against the stopped database, for the whole outage.
            await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(evidence) >= 3
                    && Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0);
        } finally {
            LocalInfrastructure.startDatabase();
            // Pooled connections died with the old server; later tests should not each meet one.
            dataSource.flush(AgroalDataSource.FlushMode.IDLE);
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> effects.applications(evidence.eventId()) > 0);
        assertThat(effects.applications(evidence.eventId())).isEqualTo(1);
        assertThat(deadLettersBefore(unprocessableMarkerAfter(evidence)))
                .noneMatch(record -> evidence.eventId().toString().equals(header(record, CloudEventHeaders.ID)));
    }

    private long failedAttempts(LifelineEvent event) {
        return inboxWarnings.stream().filter(line -> line.contains(event.eventId().toString())
                && line.contains("transient")).count();
    }

    /**
     * Dead letters keep their key, so a malformed record with the evidence's key lands on the same partition of
     * the dead-letter topic, after anything the evidence could have left there.
     */
    private String unprocessableMarkerAfter(LifelineEvent event) {
        String markerId = UUID.randomUUID().toString();
        kafka.send(Topics.KYC, event.subject().toString(), InboxTest.headers(markerId, EventType.IDENTITY_CONFIRMED),
                "{not json");
        return markerId;
    }

    private List<ConsumerRecord<String, String>> deadLettersBefore(String markerId) {
        return kafka.readUntil(Topics.deadLetter(Topics.KYC), record -> markerId.equals(header(record, CloudEventHeaders.ID)));
    }
}
