package dev.lifeline.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, whatever the answers before
 * it are doing, and its latency counts from that moment, not from when it was actually sent. A stall — of the server
 * or of this sender — therefore counts against every request it delayed (no coordinated omission), as a user's
 * clicks would keep coming. The service time (from the actual send) is recorded beside it.
 */
final class OpenLoop {

    /** Sends request number {@code sequence}; completes with the HTTP status (or exceptionally). */
    @FunctionalInterface
    interface Target {
        CompletionStage<Integer> send(long sequence);
    }

    /** What one fixed-rate run measured. */
    record Result(double targetRate, Duration duration, long sent, Map<Integer, Long> statuses, long failures,
                  Latencies latency, Latencies serviceTime, double achievedRate, double sendRate) {

        long completed() {
            return statuses.values().stream().mapToLong(Long::longValue).sum() + failures;
        }

        long answered(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private OpenLoop() {
    }

    /** When request {@code sequence} is due, in nanoseconds after the start, at {@code ratePerSecond}. */
    static long dueNanos(long sequence, double ratePerSecond) {
        return (long) (sequence * 1e9 / ratePerSecond);
    }

    /**
     * Sends {@code rate × duration} requests, each at its due time, then waits up to {@code drain} for the answers.
     * Unanswered ones count as failures. The achieved rate is answers per second between the first answer and the
     * last; the send rate, requests per second between the first send and the last.
     */
    static Result run(double ratePerSecond, Duration duration, Duration drain, Target target) {
        long total = (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
        Latencies latency = new Latencies();
        Latencies serviceTime = new Latencies();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        AtomicLong outstanding = new AtomicLong(total);
        AtomicLong firstCompletion = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
        CompletableFuture<Void> allDone = new CompletableFuture<>();
        if (total == 0) {
            allDone.complete(null);
        }
        long start = System.nanoTime();
        long lastSend = start;
        for (long i = 0; i < total; i++) {
            long due = start + dueNanos(i, ratePerSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            lastSend = sent;
            CompletionStage<Integer> answer;
            try {
                answer = target.send(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((status, failure) -> {
                long now = System.nanoTime();
                latency.recordNanos(now - due);
                serviceTime.recordNanos(now - sent);
                if (failure != null || status == null) {
                    failures.increment();
                } else {
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                firstCompletion.accumulateAndGet(now, Math::min);
                lastCompletion.accumulateAndGet(now, Math::max);
                if (outstanding.decrementAndGet() == 0) {
                    allDone.complete(null);
                }
            });
        }
        long sendingNanos = Math.max(1, lastSend - start);
        try {
            allDone.get(drain.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception timedOut) {
            // what is still outstanding is counted below as failed
        }
        long unanswered = outstanding.get();
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        long done = total - unanswered;
        // Answers per second while they came: with a constant latency, exactly the rate they were sent at.
        double achieved = done <= 1 ? done : (done - 1) * 1e9 / Math.max(1, lastCompletion.get() - firstCompletion.get());
        return new Result(ratePerSecond, duration, total, counted, failures.sum() + unanswered, latency, serviceTime,
                achieved, total <= 1 ? total : (total - 1) * 1e9 / sendingNanos);
    }
}
