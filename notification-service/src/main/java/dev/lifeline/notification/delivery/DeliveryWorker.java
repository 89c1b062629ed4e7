package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.messaging.Backoff;
import dev.lifeline.messaging.DueRows;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.outbound.HttpDelivery;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.notification.channel.Channels;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Recipient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers what the listener planned: takes due deliveries ({@code SKIP LOCKED}, leased, so several instances
 * share the log and a crashed worker's deliveries come due again), hands each to its channel outside any
 * transaction, and records the outcome with its NotificationSent (a recovery event's) in one transaction. Woken
 * when an event planned something, and polling as a fallback (a redelivered lease, a backoff that ran out).
 * <p>
 * Each channel has its own lane (a thread taking only that channel's deliveries), so that a channel that is down
 * or slow — SMTP refusing, a webhook receiver that takes 10 s to time out — delays nobody else's notifications.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final String FROM_WORKER = "delivery-worker";
    /** Longer than one channel's slowest answer (HttpDelivery's timeouts), shorter than a deployment's patience. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** A taken delivery and what its channel needs. */
    private record Taken(Delivery delivery, Notification notification) {
    }

    private final EntityManager entityManager;
    private final Channels channels;
    private final Outbox outbox;
    private final NotificationConfig config;
    private final Audit audit;
    private final Map<Channel, Lane> lanes = new EnumMap<>(Channel.class);
    private final AtomicBoolean stopping = new AtomicBoolean();

    DeliveryWorker(EntityManager entityManager, Channels channels, Outbox outbox, NotificationConfig config,
                   Audit audit) {
        this.entityManager = entityManager;
        this.channels = channels;
        this.outbox = outbox;
        this.config = config;
        this.audit = audit;
        for (Channel channel : Channel.values()) {
            lanes.put(channel, new Lane(channel));
        }
    }

    /** Something was planned: deliver it now rather than at the next poll. */
    void wake() {
        lanes.values().forEach(Lane::wake);
    }

    @Scheduled(every = "${lifeline.notifications.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /**
     * A stop (SIGTERM, a rolling restart) lets the sends in flight finish and be recorded, and takes nothing new:
     * interrupting one could leave a notification the provider accepted unrecorded, to be sent again.
     */
    @PreDestroy
    void stop() {
        stopping.set(true);
        lanes.values().forEach(lane -> lane.thread.shutdown());
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Lane lane : lanes.values()) {
            try {
                if (!lane.thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warnf("A %s notification was still being sent after %d s; its lease will bring it back",
                            lane.channel, STOP_GRACE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One channel's deliveries, one at a time, on a thread of their own. */
    private final class Lane {

        private final Channel channel;
        private final ExecutorService thread;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicBoolean more = new AtomicBoolean();

        Lane(Channel channel) {
            this.channel = channel;
            this.thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread lane = new Thread(runnable, "notification-" + channel.name().toLowerCase());
                lane.setDaemon(true);
                return lane;
            });
        }

        void wake() {
            if (stopping.get()) {
                return;
            }
            more.set(true);
            if (busy.get()) {
                return; // the drainer looks once more before it stops
            }
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                // Stopping: what was planned is in the database, for the next start (or another instance).
            }
        }

        /** One drainer at a time; a wake-up while it runs makes it look once more. */
        private void drain() {
            while (more.get() && busy.compareAndSet(false, true)) {
                try {
                    more.set(false);
                    deliverDue();
                } catch (RuntimeException e) {
                    // The database is away: the next poll tries again; nothing taken is lost (its lease runs out).
                    LOG.warnf("Delivering %s notifications failed, retrying at the next poll: %s", channel, e.toString());
                } finally {
                    busy.set(false);
                }
            }
        }

        private void deliverDue() {
            List<Taken> taken;
            do {
                if (stopping.get()) {
                    return;
                }
                taken = QuarkusTransaction.requiringNew().call(this::takeDue);
                for (Taken delivery : taken) {
                    if (stopping.get()) {
                        return; // the rest of the batch comes due again when its lease runs out
                    }
                    deliver(delivery);
                }
            } while (taken.size() == config.batch());
        }

        private List<Taken> takeDue() {
            Instant now = Instant.now();
            List<Delivery> due = DueRows.lock(entityManager, Delivery.class, "notification_delivery", "due_at",
                    "channel = '" + channel.name() + "'", now, config.batch());
            List<Taken> taken = new ArrayList<>();
            for (Delivery delivery : due) {
                delivery.take(now, config.lease());
                taken.add(new Taken(delivery, delivery.notification(recipient(delivery))));
            }
            return taken;
        }
    }

    /** A recovery's recipient, or for an account event's delivery the account's. */
    private static Recipient recipient(Delivery delivery) {
        return delivery.recoveryId()
                .map(recoveryId -> RecoveryRecipient.<RecoveryRecipient>findById(recoveryId).recipient())
                .orElseGet(() -> AccountRecipient.<AccountRecipient>findById(delivery.accountId()).recipient());
    }

    private void deliver(Taken taken) {
        Outcome outcome;
        try {
            outcome = channels.of(taken.delivery().channel()).deliver(taken.notification());
        } catch (DeliveryFailure failure) {
            failed(taken, failure.getMessage(), failure.retryable());
            return;
        } catch (RuntimeException e) {
            failed(taken, Masks.failure(e), true);
            return;
        }
        // At-least-once: if this process dies (or the database stays away longer than the retries below) between
        // the channel's acceptance and this record, the lease runs out and the notification is delivered again —
        // with the same delivery id (the webhook's webhook-id, the SETs' jti), so receivers can drop the repeat.
        TransientFailures.inNewTransaction(() -> {
            Delivery delivery = Delivery.findById(taken.delivery().id(), LockModeType.PESSIMISTIC_WRITE);
            delivery.delivered(outcome, Instant.now()).map(Delivery.Ended::announcement)
                    .ifPresent(outbox::publish);
        });
        recorded(taken, outcome.status().name(), outcome.detail());
    }

    private void failed(Taken taken, String error, boolean retryable) {
        Duration backoff = new Backoff(config.initialBackoff(), config.maxBackoff()).after(taken.delivery().attempts());
        Optional<Delivery.Ended> ended = TransientFailures.inNewTransaction(() -> {
            Delivery delivery = Delivery.findById(taken.delivery().id(), LockModeType.PESSIMISTIC_WRITE);
            Optional<Delivery.Ended> end = delivery.failed(error, retryable, config.maxAttempts(), backoff,
                    Instant.now());
            end.map(Delivery.Ended::announcement).ifPresent(outbox::publish);
            return end;
        });
        if (ended.isPresent()) {
            LOG.errorf("Notification %s (%s, %s) failed for good after %d attempts: %s", taken.delivery().id(),
                    taken.delivery().template().id(), taken.delivery().channel(), taken.delivery().attempts(), error);
            recorded(taken, "FAILED", error);
        } else {
            LOG.warnf("Notification %s (%s, %s) failed (attempt %d), retrying in %d ms: %s", taken.delivery().id(),
                    taken.delivery().template().id(), taken.delivery().channel(), taken.delivery().attempts(),
                    backoff.toMillis(), error);
        }
    }

    private void recorded(Taken taken, String outcome, String detail) {
        Delivery delivery = taken.delivery();
        String about = delivery.recoveryId().isPresent() ? "recovery" : "account";
        audit.record(Audit.SYSTEM, "notification." + delivery.template().id(), FROM_WORKER, outcome,
                about, delivery.recoveryId().orElse(delivery.accountId()).toString(),
                "channel", delivery.channel().name(), "detail", detail == null ? "" : detail);
    }

}
