package dev.lifeline.messaging;

import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One event waiting in the outbox: written in the transaction that made it true, published by the relay. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Assigned by the database (identity column); the relay publishes in this order. */
    @Column(insertable = false, updatable = false)
    public Long position;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    public String type;

    public String source;

    public String subject;

    public String payload;

    public String traceparent;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Set when the broker can never take the record (too large, refused); the relay then passes over it. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    @Column(name = "park_reason")
    public String parkReason;

    static OutboxMessage of(LifelineEvent event, String traceparent) {
        EventType type = event.type();
        OutboxMessage message = new OutboxMessage();
        message.id = event.eventId();
        message.topic = type.topic();
        message.messageKey = event.subject().toString();
        message.type = type.ceType();
        message.source = type.source();
        message.subject = event.subject().toString();
        message.payload = EventJson.write(event);
        message.traceparent = traceparent;
        message.occurredAt = event.occurredAt();
        return message;
    }
}
