package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.persistence.Timestamps;
import dev.lifeline.notification.message.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Slowed, never silenced (issue 22.7): every start of a real account is a real recovery, so a stranger who knows the
 * username could flood its owner with "a recovery was requested". Per account and paced channel (see
 * {@link NotificationPlan#paced}), the first {@code per-account} alerts of a window — which opens with its first
 * alert and lasts {@code window} — are sent on their own; each further one is logged DIGESTED and counted in the
 * window's one digest, due at the window's end. The owner hears of every request, in at most per-account + 1
 * messages per channel and window. The digest is not counted in the next window: it tells of the last one's requests,
 * and the next window's own alerts must still reach the owner at once.
 * <p>
 * The count is one {@code recovery_alert_pace} row per (account, channel), advanced by an upsert: its row lock,
 * held to the end of the inbox's transaction, serialises concurrent events of one account on any instance or thread,
 * so the limit holds, and the digest is created or joined under the same lock.
 */
@ApplicationScoped
public class RecoveryAlertPace {

    /** The account's current window on a channel: when it opened, and how many alerts it has had (this one too). */
    record Window(Instant start, int alerts) {
    }

    private final EntityManager entityManager;
    private final NotificationConfig.RecoveryRequested config;

    RecoveryAlertPace(EntityManager entityManager, NotificationConfig config) {
        this.entityManager = entityManager;
        this.config = config.recoveryRequested();
        if (this.config.perAccount() < 1 || this.config.window().isNegative() || this.config.window().isZero()) {
            throw new IllegalStateException("lifeline.notifications.recovery-requested: per-account must be at least 1 "
                    + "and the window positive");
        }
    }

    /**
     * Plans the request's recovery-started alert on a paced channel: due now while the window has room, else
     * DIGESTED with the window's digest created or joined. Runs in the inbox's transaction.
     */
    Delivery plan(RecoveryRequested request, Channel channel, Map<String, String> facts, Instant now) {
        Window window = count(request, channel, now);
        if (window.alerts() <= config.perAccount()) {
            return persisted(Delivery.planned(request, request.accountId(), channel, Template.RECOVERY_STARTED, facts,
                    now));
        }
        int requests = window.alerts() - config.perAccount();
        Instant until = window.start().plus(config.window());
        Optional<Delivery> pending = Delivery.<Delivery>find("eventId = ?1 and channel = ?2",
                        Delivery.digestId(request.accountId(), channel, window.start()), channel)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        Delivery digest;
        if (pending.isEmpty()) {
            digest = persisted(Delivery.digest(request, requests, channel, window.start(), until, now));
        } else if (pending.get().joinable()) {
            digest = pending.get();
            digest.joined(request, requests);
        } else {
            // A worker whose clock is ahead took the digest as this window closed: one alert too many beats one untold.
            return persisted(Delivery.planned(request, request.accountId(), channel, Template.RECOVERY_STARTED, facts,
                    now));
        }
        return persisted(Delivery.digested(request, channel, facts, digest, now));
    }

    /** Counts this alert in the account's window on the channel, opening a new window when the last one is over. */
    Window count(RecoveryRequested request, Channel channel, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS); // PostgreSQL's precision: the window's start is read back
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        INSERT INTO recovery_alert_pace AS pace (account_id, channel, window_start, alerts)
                        VALUES (:account, :channel, :now, 1)
                        ON CONFLICT (account_id, channel) DO UPDATE SET
                            window_start = CASE WHEN pace.window_start <= :closed THEN :now ELSE pace.window_start END,
                            alerts = CASE WHEN pace.window_start <= :closed THEN 1 ELSE pace.alerts + 1 END
                        RETURNING window_start, alerts""")
                .setParameter("account", request.accountId())
                .setParameter("channel", channel.name())
                .setParameter("now", at)
                .setParameter("closed", at.minus(config.window()))
                .getSingleResult();
        return new Window(Timestamps.instant(row[0]), ((Number) row[1]).intValue());
    }

    /**
     * Forgets the windows that have closed: a closed window's row tells nothing the next upsert would not reset, and
     * without this every account ever alerted kept its rows. A row deleted while an event counts on it is simply
     * inserted again, as a new window, which is what the upsert would have made of it.
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetClosedWindows() {
        forgetWindowsClosedAt(Instant.now());
    }

    /** @return how many rows were forgotten */
    @Transactional(Transactional.TxType.MANDATORY)
    int forgetWindowsClosedAt(Instant now) {
        return entityManager.createNativeQuery("DELETE FROM recovery_alert_pace WHERE window_start <= :closed")
                .setParameter("closed", now.minus(config.window()))
                .executeUpdate();
    }

    private static Delivery persisted(Delivery delivery) {
        delivery.persist();
        return delivery;
    }
}
