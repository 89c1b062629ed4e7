package dev.lifeline.benchmark;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Locale;

/**
 * Latencies in microseconds, in an HdrHistogram (1 µs to 10 min, 3 significant digits), and the figures the report
 * gives: p50, p95, p99, max in milliseconds. Thread-safe: every record is synchronised (completions arrive on many
 * threads, and a histogram is not safe to share).
 */
final class Latencies {

    private static final long HIGHEST_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;

    private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000)));
    }

    synchronized void recordMillis(double millis) {
        recordNanos((long) (millis * 1_000_000));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0–100), in ms; 0 when nothing was recorded. */
    synchronized double percentileMillis(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    synchronized double maxMillis() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1_000.0;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p95() {
        return percentileMillis(95);
    }

    double p99() {
        return percentileMillis(99);
    }

    /** {@code p50 4.6 / p95 9.1 / p99 14.9 / max 28.7 ms (n=500)} */
    String summary() {
        return String.format(Locale.ROOT, "p50 %s / p95 %s / p99 %s / max %s ms (n=%d)",
                ms(p50()), ms(p95()), ms(p99()), ms(maxMillis()), count());
    }

    /** Milliseconds as the report writes them: 3 significant figures, at least one decimal under 100. */
    static String ms(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f", millis);
        }
        return millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%.2f", millis);
    }
}
