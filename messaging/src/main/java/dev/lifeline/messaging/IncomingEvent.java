package dev.lifeline.messaging;

import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Reads a Lifeline event out of a CloudEvents binary-mode Kafka record, or says why it never can. The envelope must
 * fit {@link EventType}: each type has one producing service, so a type on another service's topic or from another
 * source is a forgery or a bug, and never evidence.
 */
final class IncomingEvent {

    private IncomingEvent() {
    }

    static LifelineEvent parse(ConsumerRecord<String, String> record) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
        String ceType = header(record, CloudEventHeaders.TYPE);
        String ceId = header(record, CloudEventHeaders.ID);
        String ceSource = header(record, CloudEventHeaders.SOURCE);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("unsupported ce_specversion '" + specVersion + "'");
        }
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + ceType + "'"));
        if (!type.topic().equals(record.topic())) {
            throw new MalformedEventException(ceType + " " + ceId + " arrived on " + record.topic()
                    + ", but only " + type.topic() + " carries it");
        }
        if (!type.source().equals(ceSource)) {
            throw new MalformedEventException(ceType + " " + ceId + " claims ce_source " + ceSource
                    + ", but only " + type.source() + " publishes it");
        }
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
