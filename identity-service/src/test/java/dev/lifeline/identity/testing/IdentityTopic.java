package dev.lifeline.identity.testing;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.UUID;

import static dev.lifeline.messaging.KafkaTestClient.header;

/** Reads what identity-service published, from the real topic {@value Topics#IDENTITY}. */
public final class IdentityTopic {

    private IdentityTopic() {
    }

    /** The first record of {@code type} for the recovery; fails the test if none arrives within 30 s. */
    public static ConsumerRecord<String, String> eventOf(UUID recoveryId, EventType type) {
        var read = KafkaTestClient.forApplication().readUntil(Topics.IDENTITY, record ->
                recoveryId.toString().equals(header(record, CloudEventHeaders.SUBJECT))
                        && type.ceType().equals(header(record, CloudEventHeaders.TYPE)));
        return read.get(read.size() - 1);
    }
}
