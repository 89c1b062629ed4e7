package dev.lifeline.http.ratelimit;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bound on how much of a slow, CPU-bound kind of work (a password's Argon2id, a submission's PBKDF2 answers) runs
 * at once. Requests take a slot in arrival order (a fair semaphore) and run one after the other at full speed instead
 * of all slowing down together, so a burst is answered first come, first served; one that waits longer than
 * {@code maxWait} gets a 503 with {@code Retry-After} before any of the work is done. Every caller of one kind — real
 * accounts and decoys alike — queues the same way, which keeps their timing alike.
 */
public final class WorkSlots {

    private final Semaphore slots;
    private final long maxWaitMillis;
    private final String busyDetail;

    /** @param busyDetail the 503's detail, e.g. "Too many password checks are running; try again shortly." */
    public WorkSlots(int slots, Duration maxWait, String busyDetail) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
        this.slots = new Semaphore(slots, true);
        this.maxWaitMillis = maxWait.toMillis();
        this.busyDetail = busyDetail;
    }

    /** Runs {@code work} in a slot; throws a 503 problem if none frees up within the wait. */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE).detail(busyDetail),
                    Map.of(HttpHeaders.RETRY_AFTER, "1"));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
