package dev.lifeline.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait before retrying work whose failures are counted in a row (a queued mail, a notification): the initial
 * wait after the first failure, doubling with each further one, never more than the maximum.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures) {
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }
}
