package dev.lifeline.events.messaging;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reads a Lifeline event out of a CloudEvents binary-mode Kafka record, or says why it cannot. */
final class IncomingEvent {

    private IncomingEvent() {
    }

    static LifelineEvent parse(ConsumerRecord<String, String> record) {
        String ceType = header(record, CloudEventHeaders.TYPE);
        String ceId = header(record, CloudEventHeaders.ID);
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + ceType + "'"));
        if (record.value() == null) {
            throw new MalformedEventException(ceType + " " + ceId + " has no data");
        }
        LifelineEvent event = EventJson.read(type, record.value());
        if (!event.eventId().toString().equals(ceId)) {
            throw new MalformedEventException("ce_id " + ceId + " does not match the eventId " + event.eventId());
        }
        return event;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedEventException("missing header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
