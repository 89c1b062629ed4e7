package dev.lifeline.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka on a thread of its own. It is woken right after a transaction that wrote to the
 * outbox commits, and otherwise looks every {@code lifeline.outbox.poll-interval} for rows it was not told about
 * (left by a crash or a restart, or written by another instance). A relay that finds another instance
 * publishing looks again within milliseconds, not at the next poll, until it gets its turn.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * How soon a relay looks again after finding another instance publishing: that instance may have read its batch
     * before our commit and will not look again before its own next wake-up or poll.
     */
    static final Duration AFTER_ANOTHER_INSTANCE = Duration.ofMillis(20);

    private final OutboxPublisher publisher;
    private final Duration pollInterval;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread worker;

    OutboxRelay(OutboxPublisher publisher,
                @ConfigProperty(name = "lifeline.outbox.poll-interval") Duration pollInterval) {
        this.publisher = publisher;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent startup) {
        Thread thread = new Thread(this::run, "lifeline-outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a commit that wrote outbox rows; cheap and never blocks the caller. */
    void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        Duration wait = pollInterval;
        while (worker != null && !Thread.currentThread().isInterrupted()) {
            try {
                wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                OutboxPublisher.Batch batch;
                do {
                    batch = publisher.publishBatch(); // FULL: more rows are waiting, keep going without sleeping
                } while (batch == OutboxPublisher.Batch.FULL);
                backoff = Duration.ZERO;
                wait = batch == OutboxPublisher.Batch.LOCKED_BY_ANOTHER_INSTANCE ? AFTER_ANOTHER_INSTANCE : pollInterval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), Duration.ofSeconds(10));
                wait = backoff;
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.toString(), backoff.toMillis());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
