package dev.lifeline.identity.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Compares the latency of two kinds of call that must not be told apart. Calls are shuffled, so that whatever else
 * the machine does falls on both kinds alike, and each kind's mean leaves out its slowest fifth. Other processes
 * on a shared two-core machine only ever add time, in bursts of tens of milliseconds that land on a few calls; a
 * difference in the code under test shifts every call, the fastest four fifths included, which is what the
 * trimmed means compare.
 */
public final class Latencies {

    /** Trimmed means, in milliseconds. */
    public record Comparison(double firstMillis, double secondMillis) {

        /** How far the second mean is from the first, as a fraction of the first. */
        public double relativeDifference() {
            return Math.abs(secondMillis - firstMillis) / firstMillis;
        }

        @Override
        public String toString() {
            return String.format("%.2f ms vs %.2f ms (%.1f %%)", firstMillis, secondMillis, 100 * relativeDifference());
        }
    }

    private Latencies() {
    }

    /**
     * @param first  the i-th call of the first kind (0 ≤ i &lt; rounds)
     * @param second the i-th call of the second kind
     */
    public static Comparison compare(int rounds, IntConsumer first, IntConsumer second) {
        List<Boolean> order = new ArrayList<>(Collections.nCopies(rounds, true));
        order.addAll(Collections.nCopies(rounds, false));
        Collections.shuffle(order);
        List<Long> firstNanos = new ArrayList<>();
        List<Long> secondNanos = new ArrayList<>();
        for (boolean isFirst : order) {
            long start = System.nanoTime();
            if (isFirst) {
                first.accept(firstNanos.size());
                firstNanos.add(System.nanoTime() - start);
            } else {
                second.accept(secondNanos.size());
                secondNanos.add(System.nanoTime() - start);
            }
        }
        return new Comparison(trimmedMeanMillis(firstNanos), trimmedMeanMillis(secondNanos));
    }

    static double trimmedMeanMillis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        List<Long> kept = sorted.subList(0, sorted.size() - sorted.size() / 5);
        return kept.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }
}
