package dev.lifeline.http.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailureThrottlePolicyTest {

    private final FailureThrottle.Policy policy =
            new FailureThrottle.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(15));

    @Test
    void failuresBelowTheThresholdCostNothing() {
        assertThat(policy.delayAfter(1)).isZero();
        assertThat(policy.delayAfter(4)).isZero();
    }

    @Test
    void fromTheThresholdEachFailureDoublesTheDelay() {
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void delaysStopGrowingAtTheMaximum() {
        assertThat(policy.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
