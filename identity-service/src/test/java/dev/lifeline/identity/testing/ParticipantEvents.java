package dev.lifeline.identity.testing;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.KafkaTestClient;


/** Publishes an event as the participant owning its type would: on its topic, keyed and headed as CloudEvents. */
public final class ParticipantEvents {

    private ParticipantEvents() {
    }

    public static void send(LifelineEvent event) {
        KafkaTestClient.forApplication().publish(event);
    }
}
