package dev.lifeline.http.testing;

import dev.lifeline.http.testing.Volume.Answer;
import dev.lifeline.http.testing.Volume.Run;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeTest {

    @Test
    void aSlowFirstWaveIsNotAStall() {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(new Answer(200, i < 5 ? 5_000 : 200));
        }
        assertThatCode(new Run(answers)::assertNoStall).doesNotThrowAnyException();
    }

    @Test
    void aFixedWaitOnEveryRequestIsAStall() {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(new Answer(200, 5_100));
        }
        assertThatThrownBy(new Run(answers)::assertNoStall).isInstanceOf(AssertionError.class)
                .hasMessageContaining("p50 5100 ms");
    }

    @Test
    void oneRequestThatHangsIsAStall() {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(new Answer(200, i == 50 ? 25_000 : 20));
        }
        assertThatThrownBy(new Run(answers)::assertNoStall).hasMessageContaining("max 25000 ms");
    }

    @Test
    void everyRequestIsSentAndAnswered() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Run run = Volume.send(500, 8, i -> {
            sent.incrementAndGet();
            return i % 2 == 0 ? 200 : 404;
        });
        assertThat(run.answers()).hasSize(500);
        assertThat(run.statuses()).containsExactly(200, 404);
        assertThat(sent).hasValue(520); // and the warm-up's
    }
}
