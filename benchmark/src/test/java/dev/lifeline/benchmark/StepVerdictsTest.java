package dev.lifeline.benchmark;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a step of starts is judged: what the headline calls sustained, and when the benchmark stops offering more. */
class StepVerdictsTest {

    private static final double FLOOR = 250;

    @Test
    void sustainedIsTheHighestRateAnsweredInFullWithP99WithinFiftyMillisecondsOfTheFloor() {
        List<Results.StartStep> steps = List.of(step(25, 25, 280, Map.of(202, 250L), 0),
                step(50, 50, 295, Map.of(202, 500L), 0), step(75, 74, 420, Map.of(202, 750L), 0));

        assertThat(Report.sustained(steps, FLOOR)).map(s -> s.load().targetRate()).contains(50.0);
    }

    @Test
    void aStepWithAnyOtherAnswerOrAFailureIsNotSustainedHoweverFast() {
        List<Results.StartStep> steps = List.of(step(25, 25, 260, Map.of(202, 249L, 429, 1L), 0),
                step(50, 50, 260, Map.of(202, 499L), 1));

        assertThat(Report.sustained(steps, FLOOR)).isEmpty();
    }

    @Test
    void aStepAnsweredAtLessThan95PercentOfTheOfferedRateIsNotSustained() {
        assertThat(Report.sustained(List.of(step(100, 90, 270, Map.of(202, 1000L), 0)), FLOOR)).isEmpty();
    }

    @Test
    void theBenchmarkStopsRisingWhenAStepFallsBehindIsTwoSecondsSlowOrLeavesABacklog() {
        assertThat(Benchmark.saturated(step(50, 50, 400, Map.of(202, 500L), 0), FLOOR)).isFalse();
        assertThat(Benchmark.saturated(step(50, 44, 400, Map.of(202, 500L), 0), FLOOR)).isTrue();
        assertThat(Benchmark.saturated(step(50, 50, 2_300, Map.of(202, 500L), 0), FLOOR)).isTrue();
        assertThat(Benchmark.saturated(step(50, 50, 400, Map.of(202, 490L), 10), FLOOR)).isTrue();
        assertThat(Benchmark.saturated(new Results.StartStep(step(50, 50, 400, Map.of(202, 500L), 0).load(), 0,
                new Backlog.Snapshot(10, 0, 0), Duration.ofMinutes(2), false, Map.of()), FLOOR)).isTrue();
    }

    /** A drained step whose every latency is {@code p99Millis}. */
    private static Results.StartStep step(double rate, double answered, double p99Millis, Map<Integer, Long> statuses,
                                          long failures) {
        Latencies latency = new Latencies();
        long sent = statuses.values().stream().mapToLong(Long::longValue).sum() + failures;
        for (long i = 0; i < sent; i++) {
            latency.recordMillis(p99Millis);
        }
        OpenLoop.Result load = new OpenLoop.Result(rate, Duration.ofSeconds(10), sent, statuses, failures, latency,
                latency, answered, rate);
        return new Results.StartStep(load, 0, new Backlog.Snapshot(0, 0, 0), Duration.ofSeconds(1), true, Map.of());
    }
}
