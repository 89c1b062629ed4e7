package dev.lifeline.benchmark;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    @Test
    void percentilesAreInMillisecondsOfWhatWasRecordedInNanoseconds() {
        Latencies latencies = new Latencies();
        IntStream.rangeClosed(1, 1000).forEach(ms -> latencies.recordNanos(ms * 1_000_000L));

        assertThat(latencies.count()).isEqualTo(1000);
        assertThat(latencies.p50()).isCloseTo(500, within(1.0));
        assertThat(latencies.p95()).isCloseTo(950, within(1.0));
        assertThat(latencies.p99()).isCloseTo(990, within(1.0));
        assertThat(latencies.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void keepsMicrosecondsBelowAMillisecondAndClampsWhatItCannotHold() {
        Latencies latencies = new Latencies();
        latencies.recordNanos(250_000);
        latencies.recordNanos(-5);
        latencies.recordMillis(3_600_000); // an hour: above the histogram's ten minutes

        assertThat(latencies.percentileMillis(0)).isCloseTo(0.001, within(0.001));
        assertThat(latencies.percentileMillis(50)).isCloseTo(0.25, within(0.001));
        assertThat(latencies.maxMillis()).isCloseTo(600_000, within(600.0));
    }

    @Test
    void anEmptyHistogramReportsZeros() {
        Latencies latencies = new Latencies();

        assertThat(latencies.p99()).isZero();
        assertThat(latencies.summary()).isEqualTo("p50 0.00 / p95 0.00 / p99 0.00 / max 0.00 ms (n=0)");
    }

    @Test
    void writesThreeSignificantFigures() {
        assertThat(Latencies.ms(4.567)).isEqualTo("4.57");
        assertThat(Latencies.ms(14.94)).isEqualTo("14.9");
        assertThat(Latencies.ms(312.4)).isEqualTo("312");
    }
}
