package dev.lifeline.emailverification.mail;

import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.http.persistence.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The budget of code mails per recipient address: at most {@code lifeline.mail.per-address.limit} messages in any
 * {@code lifeline.mail.per-address.window}, counted in PostgreSQL ({@code mail_recipient_send}) so that the limit
 * holds across instances.
 *
 * <p>Why concurrent senders cannot exceed it: {@link #reserve} first takes a transaction-scoped advisory lock on the
 * address's key, then counts the key's rows in the window and inserts one only below the limit. A second sender
 * reserving for the same address waits at the lock until the first commits, and then counts the first's row (each
 * statement of a READ COMMITTED transaction sees what committed before it started). Senders take these locks in the
 * order of their keys ({@link MailSender}), so two of them never wait for each other in a cycle; their challenge
 * rows are taken with {@code SKIP LOCKED} and never waited for.
 */
@ApplicationScoped
public class MailPacing {

    /** A slot to send now ({@code slot}), or, when the budget is spent, when the next one frees. */
    public record Reservation(UUID slot, Instant deferredUntil) {
        public boolean granted() {
            return slot != null;
        }
    }

    /**
     * An address and the key it is counted under ({@link #recipient}): the key is an HMAC, derived once and used for
     * both the senders' lock order and the reservation.
     */
    public record Recipient(String address, String key) {
        @Override
        public String toString() {
            return "Recipient[key=" + key + "]";
        }
    }

    private final EntityManager entityManager;
    private final Pseudonyms pseudonyms;
    private final int limit;
    private final Duration window;

    MailPacing(EntityManager entityManager, Pseudonyms pseudonyms, MailConfig config) {
        if (config.perAddress().limit() < 1) {
            throw new IllegalStateException("lifeline.mail.per-address.limit must be at least 1: a limit of 0 would"
                    + " silence every owner");
        }
        this.entityManager = entityManager;
        this.pseudonyms = pseudonyms;
        this.limit = config.perAddress().limit();
        this.window = config.perAddress().window();
    }

    /**
     * Takes a slot for one message to {@code recipient} at {@code now} if its address has one left, in the caller's
     * transaction (the slot counts once it commits; a rollback gives it back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserve(Recipient recipient, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        String key = recipient.key();
        entityManager.createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .setParameter("key", key)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object> recent = entityManager.createNativeQuery("""
                        SELECT sent_at FROM mail_recipient_send WHERE address_key = :key AND sent_at > :since
                        ORDER BY sent_at DESC LIMIT :limit""")
                .setParameter("key", key)
                .setParameter("since", at.minus(window))
                .setParameter("limit", limit)
                .getResultList();
        if (recent.size() >= limit) {
            // The limit-th newest send leaving the window is the moment one fewer than the limit remain in it.
            return new Reservation(null, Timestamps.instant(recent.get(limit - 1)).plus(window));
        }
        UUID slot = UUID.randomUUID();
        entityManager.createNativeQuery(
                        "INSERT INTO mail_recipient_send (id, address_key, sent_at) VALUES (:id, :key, :at)")
                .setParameter("id", slot)
                .setParameter("key", key)
                .setParameter("at", at)
                .executeUpdate();
        return new Reservation(slot, null);
    }

    /** Gives a slot back: its message was never sent (SMTP refused it) or had nothing in it. */
    @Transactional
    public void release(UUID slot) {
        entityManager.createNativeQuery("DELETE FROM mail_recipient_send WHERE id = :id")
                .setParameter("id", slot)
                .executeUpdate();
    }

    /**
     * The address with the key it is counted under: its pseudonym (never the address), case-insensitive as mailboxes
     * are in practice, so that {@code Li.Wei@…} and {@code li.wei@…} share one budget.
     */
    Recipient recipient(String address) {
        return new Recipient(address,
                pseudonyms.of("email-verification:mail-recipient:" + address.strip().toLowerCase(Locale.ROOT)));
    }

    /** Sends that left the window count nothing any more; harmless when several instances purge at once. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        entityManager.createNativeQuery("DELETE FROM mail_recipient_send WHERE sent_at <= :before")
                .setParameter("before", Instant.now().minus(window))
                .executeUpdate();
    }
}
