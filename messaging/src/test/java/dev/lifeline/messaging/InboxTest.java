package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.messaging.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class InboxTest {

    /** The test listener's topic (see application.properties): kyc-service's, which carries IdentityConfirmed. */
    static final String TOPIC = Topics.KYC;

    @Inject
    TestEffects effects;

    private final KafkaTestClient kafka = KafkaTestClient.forApplication();

    @Test
    void redeliveredEventHasItsEffectOnce() {
        LifelineEvent event = confirmed(UUID.randomUUID());
        LifelineEvent marker = confirmed(event.subject());

        send(kafka, event);
        send(kafka, event);
        send(kafka, marker);

        awaitApplied(marker);
        assertThat(effects.applications(event.eventId())).isEqualTo(1);
    }

    @Test
    void transientFailureIsRetriedAndTheEffectAppliedOnce() {
        LifelineEvent event = confirmed(UUID.randomUUID());
        effects.failTransiently(event.eventId(), 3);

        send(kafka, event);

        awaitApplied(event);
        assertThat(effects.applications(event.eventId())).isEqualTo(1);
        assertThat(effects.attempts(event.eventId())).isEqualTo(4);
    }

    @Test
    void unexpectedFailureGoesToTheDeadLetterTopicAfterItsAttempts() {
        LifelineEvent event = confirmed(UUID.randomUUID());
        effects.failUnexpectedly(event.eventId());

        send(kafka, event);

        ConsumerRecord<String, String> dead = deadLetter(event.eventId().toString());
        assertThat(header(dead, "dead-letter-reason")).contains("injected bug");
        assertThat(effects.attempts(event.eventId())).isEqualTo(2); // lifeline.inbox.unexpected-failure-attempts
        assertThat(effects.applications(event.eventId())).isZero();
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        LifelineEvent good = confirmed(UUID.randomUUID());
        String badId = UUID.randomUUID().toString();

        kafka.send(TOPIC, good.subject().toString(), headers(badId, EventType.IDENTITY_CONFIRMED), "{not json");
        send(kafka, good);

        awaitApplied(good);
        ConsumerRecord<String, String> dead = deadLetter(badId);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
    }

    @Test
    void recordOfAnUnknownTypeGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(headers(id, EventType.IDENTITY_CONFIRMED));
        headers.put(CloudEventHeaders.TYPE, "dev.lifeline.NoSuchEvent.v1");

        kafka.send(TOPIC, UUID.randomUUID().toString(), headers, "{}");

        assertThat(header(deadLetter(id), "dead-letter-reason")).contains("dev.lifeline.NoSuchEvent.v1");
    }

    @Test
    void eventOnATopicThatDoesNotCarryItsTypeGoesToTheDeadLetterTopic() {
        EmailVerified misplaced = new EmailVerified(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), EmailVerificationMethod.CODE);

        kafka.send(TOPIC, misplaced.recoveryId().toString(), headers(misplaced.eventId().toString(),
                EventType.EMAIL_VERIFIED), EventJson.write(misplaced));

        assertThat(header(deadLetter(misplaced.eventId().toString()), "dead-letter-reason"))
                .contains("arrived on " + TOPIC).contains(Topics.EMAIL_VERIFICATION);
        assertThat(effects.attempts(misplaced.eventId())).isZero();
    }

    @Test
    void eventFromASourceThatDoesNotOwnItsTypeGoesToTheDeadLetterTopic() {
        LifelineEvent forged = confirmed(UUID.randomUUID());
        Map<String, String> headers = new HashMap<>(headers(forged.eventId().toString(), EventType.IDENTITY_CONFIRMED));
        headers.put(CloudEventHeaders.SOURCE, EventType.EMAIL_VERIFIED.source());

        kafka.send(TOPIC, forged.subject().toString(), headers, EventJson.write(forged));

        assertThat(header(deadLetter(forged.eventId().toString()), "dead-letter-reason"))
                .contains("claims ce_source " + EventType.EMAIL_VERIFIED.source());
        assertThat(effects.attempts(forged.eventId())).isZero();
    }

    private ConsumerRecord<String, String> deadLetter(String ceId) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.deadLetter(TOPIC),
                record -> ceId.equals(header(record, CloudEventHeaders.ID)));
        return records.get(records.size() - 1);
    }

    private void awaitApplied(LifelineEvent event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> effects.applications(event.eventId()) > 0);
    }

    static IdentityConfirmed confirmed(UUID recoveryId) {
        return new IdentityConfirmed(UUID.randomUUID(), recoveryId, UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), IdentityCheckMethod.AUTOMATED, Assurance.SUBSTANTIAL,
                List.of());
    }

    /** Writes the event as kyc-service's relay would. */
    static void send(KafkaTestClient kafka, LifelineEvent event) {
        kafka.send(event.type().topic(), event.subject().toString(),
                headers(event.eventId().toString(), event.type()), EventJson.write(event));
    }

    /** The CloudEvents headers of a well-formed record of {@code type}. */
    static Map<String, String> headers(String id, EventType type) {
        return Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, id,
                CloudEventHeaders.TYPE, type.ceType(),
                CloudEventHeaders.SOURCE, type.source(),
                CloudEventHeaders.CONTENT_TYPE, "application/json");
    }
}
