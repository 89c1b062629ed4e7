package dev.lifeline.identity.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A minimum time before an answer leaves, so that answers that must not be told apart (known or unknown
 * identifier) also take the same time when the work behind them differs by a few milliseconds.
 */
public final class ResponseFloor {

    private final long deadlineNanos;

    private ResponseFloor(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts counting now. */
    public static ResponseFloor of(Duration floor) {
        return new ResponseFloor(System.nanoTime() + floor.toNanos());
    }

    /** Waits for whatever is left of the floor; returns at once when the work took longer. */
    public void await() {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
