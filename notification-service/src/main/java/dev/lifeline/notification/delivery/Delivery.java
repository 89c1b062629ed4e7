package dev.lifeline.notification.delivery;

import dev.lifeline.events.AccountNotificationSent;
import dev.lifeline.events.Channel;
import dev.lifeline.events.DeliveryStatus;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;
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

import java.nio.charset.StandardCharsets;
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
 *   delivery, AccountNotificationSent (keyed by the account) for an account event's (recovery codes issued);</li>
 *   <li>DIGESTED is final from the start and announced by nothing (the events' DeliveryStatus has no such outcome):
 *   a paced alert beyond its window's limit, logged here and told by the window's digest — a delivery of its own
 *   ({@link Template#RECOVERY_REQUESTS_DIGEST}), due at the window's end, that each such alert {@linkplain #joined
 *   joins} while nobody has taken it yet.</li>
 * </ul>
 */
@Entity
@Table(name = "notification_delivery")
public class Delivery extends PanacheEntityBase {

    public enum Status {
        PENDING, SENT, SKIPPED, FAILED, DIGESTED
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

    /** A paced alert beyond its window's limit: logged, final, and told by {@code digest}. */
    static Delivery digested(RecoveryRequested event, Channel channel, Map<String, String> facts, Delivery digest,
                             Instant now) {
        Delivery delivery = planned(event, event.accountId(), channel, Template.RECOVERY_STARTED, facts, now);
        delivery.status = Status.DIGESTED;
        delivery.dueAt = null;
        delivery.finishedAt = now;
        delivery.detail = "in the digest " + digest.id + " due " + digest.dueAt;
        return delivery;
    }

    /**
     * The digest of the recovery-started alerts held back on one channel in the window {@code [from, until)}, due at
     * its end, telling {@code requests} of them (normally 1: {@code first}). It names the latest request's recovery (the message's cancel link); its
     * event id is derived from the account, channel and window, as no single event caused it.
     */
    static Delivery digest(RecoveryRequested first, int requests, Channel channel, Instant from, Instant until,
                           Instant now) {
        Delivery digest = new Delivery();
        digest.id = UUID.randomUUID();
        digest.eventId = digestId(first.accountId(), channel, from);
        digest.eventType = first.type().eventName();
        digest.accountId = first.accountId();
        digest.channel = channel;
        digest.template = Template.RECOVERY_REQUESTS_DIGEST;
        digest.status = Status.PENDING;
        digest.dueAt = until;
        digest.createdAt = now;
        digest.tell(first, requests, from, until);
        return digest;
    }

    /** The event id of the digest of the account's window starting {@code from} on the channel. */
    static UUID digestId(UUID accountId, Channel channel, Instant from) {
        return UUID.nameUUIDFromBytes(("recovery-requests-digest/" + accountId + "/" + channel + "/" + from)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a request may still join this digest: nobody has taken it to be sent. */
    boolean joinable() {
        return status == Status.PENDING && attempts == 0;
    }

    /** One more request held back: the digest tells {@code requests} of them and names this one's recovery. */
    void joined(RecoveryRequested request, int requests) {
        if (!joinable()) {
            throw new IllegalStateException("digest " + id + " was taken");
        }
        Map<String, String> told = Facts.fromJson(facts);
        tell(request, requests, Instant.parse(told.get("from")), Instant.parse(told.get("until")));
    }

    private void tell(RecoveryRequested latest, int requests, Instant from, Instant until) {
        recoveryId = latest.recoveryId();
        occurredAt = latest.occurredAt();
        facts = Facts.toJson(Map.of("requests", Integer.toString(requests), "from", from.toString(),
                "until", until.toString()));
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

    /** When the worker should take it; empty once final. */
    public Optional<Instant> dueAt() {
        return Optional.ofNullable(dueAt);
    }

    /** The template's facts (a digest's {@code requests}, {@code from}, {@code until}). */
    public Map<String, String> facts() {
        return Facts.fromJson(facts);
    }
}
