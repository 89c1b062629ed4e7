package dev.lifeline.http.ratelimit;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A minimum time before an answer leaves, so that answers that must not be told apart (known or unknown
 * identifier) also take the same time when the work behind them differs by a few milliseconds.
 * <p>
 * The wait holds no thread: the work runs on the caller's (worker) thread, then its answer is handed to a timer
 * and the thread goes back to the pool. A resource returns the {@link Uni}; with {@code @Blocking} it still runs
 * its work on a worker thread, and Quarkus REST writes the answer when the timer fires. (A {@code Thread.sleep}
 * here once let ~800 cheap requests per second exhaust the worker pool.)
 */
public final class ResponseFloor {

    private final long deadlineNanos;

    private ResponseFloor(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts counting now: call it as the request arrives. */
    public static ResponseFloor of(Duration floor) {
        return new ResponseFloor(System.nanoTime() + floor.toNanos());
    }

    /** Runs the work now; its answer, or its failure, leaves no earlier than the floor. */
    public <T> Uni<T> hold(Supplier<T> work) {
        return delayed(run(work));
    }

    /** Runs the work now; its answer leaves at once, its failure (a refusal) no earlier than the floor. */
    public <T> Uni<T> holdRefusals(Supplier<T> work) {
        Uni<T> answer = run(work);
        return answer.onFailure().recoverWithUni(failure -> delayed(Uni.createFrom().failure(failure)));
    }

    /** What is left of the floor; zero once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private <T> Uni<T> delayed(Uni<T> answer) {
        Duration remaining = remaining();
        if (remaining.isZero()) {
            return answer;
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(timerDelay(remaining)).replaceWith(answer);
    }

    /**
     * Whole milliseconds, rounded up: Vert.x timers refuse a delay under 1 ms ("Cannot schedule a timer with delay
     * &lt; 1 ms", which surfaced as a 500 when a refusal finished within a millisecond of its floor).
     */
    static Duration timerDelay(Duration remaining) {
        return Duration.ofMillis(Math.max(1, (remaining.toNanos() + 999_999) / 1_000_000));
    }

    private static <T> Uni<T> run(Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
