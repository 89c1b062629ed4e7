package dev.lifeline.http.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

/**
 * A few thousand requests from a pool of threads, to prove that a service answers them all without a stall.
 * <p>
 * A stall is what once hid behind tests that each sent a handful: a fixed wait on every request (a 5 s DNS lookup),
 * which lifts the median far above the response floor, or a request never answered. A slow first wave while a cold
 * JVM compiles and its connection pool fills (seconds, on a busy 2-core CI machine) is neither; speed is the
 * benchmark's to measure, so the bounds here are far from the figures a healthy service shows.
 */
public final class Volume {

    /** A median above this means every request waits for something it should not. */
    public static final Duration MEDIAN_BOUND = Duration.ofSeconds(1);
    /** A request not answered within this is hanging. */
    public static final Duration HANG_BOUND = Duration.ofSeconds(20);

    private static final int WARM_UP_REQUESTS = 20;
    private static final Duration WHOLE_RUN_BOUND = Duration.ofMinutes(3);

    private Volume() {
    }

    /**
     * Sends {@code requests} requests, {@code concurrency} at a time, after a few sequential ones to warm the JVM.
     *
     * @param request sends the i-th request and returns its HTTP status
     */
    public static Run send(int requests, int concurrency, IntUnaryOperator request) throws Exception {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            request.applyAsInt(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                pending.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    int status = request.applyAsInt(n);
                    return new Answer(status, (System.nanoTime() - sent) / 1_000_000);
                }));
            }
            long deadline = start + WHOLE_RUN_BOUND.toNanos();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                try {
                    answers.add(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("only " + answers.size() + " of " + requests
                            + " requests were answered within " + WHOLE_RUN_BOUND);
                }
            }
            Run run = new Run(answers);
            System.out.println("volume: " + run.summary() + ", statuses " + run.statuses());
            return run;
        } finally {
            pool.shutdownNow();
        }
    }

    public record Answer(int status, long millis) {
    }

    public record Run(List<Answer> answers) {

        public Set<Integer> statuses() {
            Set<Integer> statuses = new TreeSet<>();
            answers.forEach(answer -> statuses.add(answer.status()));
            return statuses;
        }

        /** Fails, naming the figures, if the median shows a fixed wait or one request hung. */
        public void assertNoStall() {
            long median = percentile(50);
            long max = percentile(100);
            if (median >= MEDIAN_BOUND.toMillis() || max >= HANG_BOUND.toMillis()) {
                throw new AssertionError("a stall: " + summary() + " (bounds: median < " + MEDIAN_BOUND.toMillis()
                        + " ms, every request < " + HANG_BOUND.toMillis() + " ms)");
            }
        }

        public String summary() {
            return answers.size() + " requests: p50 " + percentile(50) + " ms, p99 " + percentile(99) + " ms, max "
                    + percentile(100) + " ms";
        }

        long percentile(int p) {
            long[] millis = answers.stream().mapToLong(Answer::millis).sorted().toArray();
            int index = (int) Math.ceil(p / 100.0 * millis.length) - 1;
            return millis[Math.max(0, Math.min(index, millis.length - 1))];
        }
    }
}
