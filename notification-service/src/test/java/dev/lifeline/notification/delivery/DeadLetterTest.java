package dev.lifeline.notification.delivery;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A record that can never be processed goes to the dead-letter topic, and the next one is processed. */
@NotificationTest
class DeadLetterTest {

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        KafkaTestClient kafka = KafkaTestClient.forApplication();
        String badId = UUID.randomUUID().toString();
        EventType type = EventType.RECOVERY_REQUESTED;
        kafka.send(type.topic(), UUID.randomUUID().toString(), Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, badId,
                CloudEventHeaders.TYPE, type.ceType(),
                CloudEventHeaders.SOURCE, type.source(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON), "{not json");
        TestRecovery next = Recoveries.started("en");

        assertThat(DeliveryLog.awaitFinal(next.recoveryId(), 4)).hasSize(4);
        assertThat(kafka.readUntil(Topics.deadLetter(type.topic()),
                record -> badId.equals(KafkaTestClient.header(record, CloudEventHeaders.ID)))).isNotEmpty();
    }
}
