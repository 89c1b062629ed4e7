package dev.lifeline.events.messaging;

import dev.lifeline.deploy.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.events.messaging.KafkaTestClient.header;
import static dev.lifeline.events.messaging.OutboxTest.expired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class InboxTest {

    static final String TOPIC = "lifeline.messaging-test.v1";

    @Inject
    TestEffects effects;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

    @Test
    void redeliveredEventHasItsEffectOnce() {
        LifelineEvent event = expired(UUID.randomUUID());
        LifelineEvent marker = expired(event.recoveryId());

        send(event);
        send(event);
        send(marker);

        awaitApplied(marker);
        assertThat(effects.applications(event.eventId())).isEqualTo(1);
    }

    @Test
    void transientFailureIsRetriedAndTheEffectAppliedOnce() {
        LifelineEvent event = expired(UUID.randomUUID());
        effects.failTransiently(event.eventId(), 2);

        send(event);

        awaitApplied(event);
        assertThat(effects.applications(event.eventId())).isEqualTo(1);
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        LifelineEvent good = expired(UUID.randomUUID());
        String badId = UUID.randomUUID().toString();

        kafka.send(TOPIC, good.recoveryId().toString(), headers(badId, "dev.lifeline.RecoveryExpired.v1"), "{not json");
        send(good);

        awaitApplied(good);
        ConsumerRecord<String, String> dead = deadLetter(badId);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
    }

    @Test
    void recordOfAnUnknownTypeGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();

        kafka.send(TOPIC, UUID.randomUUID().toString(), headers(id, "dev.lifeline.NoSuchEvent.v1"), "{}");

        assertThat(header(deadLetter(id), "dead-letter-reason")).contains("dev.lifeline.NoSuchEvent.v1");
    }

    private void send(LifelineEvent event) {
        kafka.send(TOPIC, event.recoveryId().toString(), headers(event.eventId().toString(), event.type().ceType()),
                EventJson.write(event));
    }

    private ConsumerRecord<String, String> deadLetter(String ceId) {
        var records = kafka.readUntil(Topics.deadLetter(TOPIC), record -> ceId.equals(header(record, CloudEventHeaders.ID)));
        return records.get(records.size() - 1);
    }

    private void awaitApplied(LifelineEvent event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> effects.applications(event.eventId()) > 0);
    }

    private static Map<String, String> headers(String id, String type) {
        return Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, id,
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "/lifeline/test",
                CloudEventHeaders.CONTENT_TYPE, "application/json");
    }
}
