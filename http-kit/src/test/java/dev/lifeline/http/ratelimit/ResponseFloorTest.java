package dev.lifeline.http.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ResponseFloorTest {

    private static final Duration FLOOR = Duration.ofMillis(120);

    @Test
    void aFractionOfAMillisecondLeftIsWaitedAsAWholeOneNeverRefused() {
        assertThat(ResponseFloor.delayMillis(1)).isEqualTo(1);
        assertThat(ResponseFloor.delayMillis(300_000)).isEqualTo(1);
        assertThat(ResponseFloor.delayMillis(1_000_001)).isEqualTo(2);
    }

    @Test
    void aFloorThatHasPassedAddsNoWait() {
        assertThat(ResponseFloor.delayMillis(0)).isZero();
        assertThat(ResponseFloor.delayMillis(-5_000_000)).isZero();
    }

    @Test
    void anAnswerLeavesNoEarlierThanTheFloor() {
        long start = System.nanoTime();

        String answer = ResponseFloor.of(FLOOR).hold(() -> "accepted").await().atMost(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("accepted");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FLOOR);
    }

    @Test
    void aRefusalLeavesNoEarlierThanTheFloor() {
        long start = System.nanoTime();

        assertThatIllegalStateException().isThrownBy(() -> ResponseFloor.of(FLOOR)
                .holdRefusals(() -> { throw new IllegalStateException("refused"); })
                .await().atMost(Duration.ofSeconds(5)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FLOOR);
    }

    @Test
    void aSuccessHeldOnlyForRefusalsLeavesAtOnce() {
        long start = System.nanoTime();

        String answer = ResponseFloor.of(Duration.ofSeconds(10)).holdRefusals(() -> "welcome")
                .await().atMost(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("welcome");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
