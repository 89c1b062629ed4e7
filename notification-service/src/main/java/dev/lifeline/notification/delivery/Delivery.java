package dev.lifeline.notification.delivery;

import dev.lifeline.events.AccountNotificationSent;
import dev.lifeline.events.Channel;
import dev.lifeline.events.DeliveryStatus;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Recipient;
import dev.lifeline.notification.message.Template;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One event's notification on one channel, and its log: planned in the inbox's transaction (at most one per event
 * and channel, so a redelivered event plans nothing twice), then taken by the worker while due. The rules:
 * <ul>
 *   <li>a taken delivery is leased: it is due again only if its worker never reports back (a crash mid-send);</li>
 *   <li>a retryable failure makes it due again after a backoff, until the attempts run out: then FAILED;</li>
 *   <li>SENT, SKIPPED and FAILED are final, each announced by one event: NotificationSent for a recovery event's
 *   delivery, AccountNotificationSent (keyed by the account) for an account event's (recovery codes issued).</li>
 * </ul>
 */
@Entity
@Table(name = "notification_delivery")
public class Delivery extends PanacheEntityBase {

    public enum Status {
        PENDING, SENT, SKIPPED, FAILED
    }

    /** How a delivery ended, and the event that announces it: NotificationSent, or AccountNotificationSent. */
    public record Ended(Status status, LifelineEvent announcement) {
    }

    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    /** Null for an account event's delivery: it is about no recovery. */
    @Column(name = "recovery_id")
    private UUID recoveryId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "template", nullable = false)
    private Template template;

    /** The template's facts as JSON (see {@link Facts}); never a secret. */
    @Column(name = "facts", nullable = false)
    private String facts;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    /** When the worker should take it; null once final. */
    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "last_error")
    private String lastError;

    /** Where it went (masked) or why it was skipped. */
    @Column(name = "detail")
    private String detail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Delivery() {
    }

    /** The event's notification on one channel, due now; it names the event's recovery, if it has one. */
    static Delivery planned(LifelineEvent event, UUID accountId, Channel channel, Template template,
                            Map<String, String> facts, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.eventId = event.eventId();
        delivery.eventType = event.type().eventName();
        delivery.recoveryId = event instanceof RecoveryEvent recoveryEvent ? recoveryEvent.recoveryId() : null;
        delivery.accountId = accountId;
        delivery.occurredAt = event.occurredAt();
        delivery.channel = channel;
        delivery.template = template;
        delivery.facts = Facts.toJson(facts);
        delivery.status = Status.PENDING;
        delivery.dueAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** Takes the delivery for one attempt; it is due again after the lease unless its outcome is recorded. */
    void take(Instant now, Duration lease) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("delivery " + id + " is " + status);
        }
        attempts++;
        dueAt = now.plus(lease);
    }

    /**
     * The channel delivered it, or said why not: final.
     *
     * @return how it ended, or nothing when another worker (this one's lease had run out) recorded it first
     */
    Optional<Ended> delivered(Outcome outcome, Instant now) {
        if (status != Status.PENDING) {
            return Optional.empty();
        }
        status = outcome.status() == DeliveryStatus.SENT ? Status.SENT : Status.SKIPPED;
        detail = outcome.detail();
        return Optional.of(finish(now));
    }

    /**
     * The attempt failed. A retryable failure is due again after {@code backoff} while attempts are left.
     *
     * @return how it ended (FAILED) when this ended the delivery; nothing while attempts are left, or when another
     *         worker recorded an outcome first
     */
    Optional<Ended> failed(String error, boolean retryable, int maxAttempts, Duration backoff,
                                      Instant now) {
        if (status != Status.PENDING) {
            return Optional.empty();
        }
        lastError = error;
        if (retryable && attempts < maxAttempts) {
            dueAt = now.plus(backoff);
            return Optional.empty();
        }
        status = Status.FAILED;
        return Optional.of(finish(now));
    }

    private Ended finish(Instant now) {
        dueAt = null;
        finishedAt = now;
        DeliveryStatus ended = DeliveryStatus.valueOf(status.name());
        LifelineEvent announcement = recoveryId == null
                ? new AccountNotificationSent(UUID.randomUUID(), accountId, now, channel, template.id(), ended, eventId)
                : new NotificationSent(UUID.randomUUID(), recoveryId, accountId, now, channel, template.id(), ended,
                eventId);
        return new Ended(status, announcement);
    }

    public Notification notification(Recipient recipient) {
        return new Notification(id, eventId, recoveryId, accountId, occurredAt, template, recipient,
                Facts.fromJson(facts));
    }

    public UUID id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The recovery it is about; empty for an account event's. */
    public Optional<UUID> recoveryId() {
        return Optional.ofNullable(recoveryId);
    }

    public UUID accountId() {
        return accountId;
    }

    public Channel channel() {
        return channel;
    }

    public Template template() {
        return template;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }
}
