package dev.lifeline.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How much load the benchmark offers: a warm-up of recovery starts (not reported: it lets the JIT compile the hot
 * paths of every service and of the load client, which cost three times as much CPU cold), then starts at rising
 * rates, each for {@code stepDuration}, and automated recoveries at each concurrency. {@code --quick} is a smoke run of the same phases, small enough for a minute.
 */
record Plan(int warmUpRate, Duration warmUp, List<Integer> startRates, Duration stepDuration, List<Integer> concurrencies, List<Integer> recoveries,
            int kafkaSamples, int postgresSamples, int smtpSamples, int hashSamples) {

    static final Plan FULL = new Plan(25, Duration.ofSeconds(45),
            List.of(25, 50, 75, 100, 150, 200, 300, 500, 1000, 1650), Duration.ofSeconds(10),
            List.of(1, 10, 100), List.of(5, 30, 100), 500, 500, 200, 10);
    static final Plan QUICK = new Plan(20, Duration.ofSeconds(5), List.of(50, 100), Duration.ofSeconds(3), List.of(1, 5), List.of(2, 5),
            50, 50, 20, 2);

    static Plan of(List<String> arguments) {
        return arguments.contains("--quick") ? QUICK : FULL;
    }

    /** Every start the plan may send, if no step saturates. */
    long maxStarts() {
        return (long) (warmUpRate * warmUp.toNanos() / 1e9)
                + startRates.stream().mapToLong(rate -> (long) (rate * stepDuration.toNanos() / 1e9)).sum();
    }

    int owners() {
        return recoveries.stream().mapToInt(Integer::intValue).sum();
    }
}
