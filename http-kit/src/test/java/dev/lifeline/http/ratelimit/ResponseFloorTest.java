package dev.lifeline.http.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseFloorTest {

    @Test
    void lessThanAMillisecondLeftStillWaitsOneWholeMillisecond() {
        assertThat(ResponseFloor.timerDelay(Duration.ofNanos(400_000))).isEqualTo(Duration.ofMillis(1));
        assertThat(ResponseFloor.timerDelay(Duration.ofNanos(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void theRemainingTimeIsRoundedUpSoTheFloorHolds() {
        assertThat(ResponseFloor.timerDelay(Duration.ofNanos(12_000_001))).isEqualTo(Duration.ofMillis(13));
        assertThat(ResponseFloor.timerDelay(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(250));
    }
}
