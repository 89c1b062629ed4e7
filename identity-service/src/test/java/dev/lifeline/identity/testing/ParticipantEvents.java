package dev.lifeline.identity.testing;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.KafkaTestClient;

import java.util.Map;

/** Publishes an event as the participant owning its type would: on its topic, keyed and headed as CloudEvents. */
public final class ParticipantEvents {

    private ParticipantEvents() {
    }

    public static void send(LifelineEvent event) {
        KafkaTestClient.forApplication().send(event.type().topic(), event.recoveryId().toString(), Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, event.eventId().toString(),
                CloudEventHeaders.TYPE, event.type().ceType(),
                CloudEventHeaders.SOURCE, event.type().source(),
                CloudEventHeaders.SUBJECT, event.recoveryId().toString()), EventJson.write(event));
    }
}
