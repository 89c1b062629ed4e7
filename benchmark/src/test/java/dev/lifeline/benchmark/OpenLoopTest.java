package dev.lifeline.benchmark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpenLoopTest {

    private final ScheduledExecutorService server = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** A server that answers 202 after {@code millis}. */
    private CompletableFuture<Integer> answerAfter(long millis) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        server.schedule(() -> answer.complete(202), millis, TimeUnit.MILLISECONDS);
        return answer;
    }

    @Test
    void sendsEachRequestAtItsDueTimeAtTheOfferedRate() {
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        OpenLoop.Result result = OpenLoop.run(500, Duration.ofSeconds(2), Duration.ofSeconds(5), sequence -> {
            sentAt.add(System.nanoTime() - start);
            return answerAfter(5);
        });

        assertThat(result.sent()).isEqualTo(1000);
        assertThat(result.answered(202)).isEqualTo(1000);
        assertThat(result.failures()).isZero();
        assertThat(result.sendRate()).isCloseTo(500, within(10.0));
        assertThat(result.achievedRate()).isCloseTo(500, within(25.0));
        // Request i leaves at i / rate (2 ms apart), never early, and late only by scheduling noise.
        for (int i = 0; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i)).isGreaterThanOrEqualTo(OpenLoop.dueNanos(i, 500));
        }
        assertThat(sentAt.get(999) - sentAt.get(0)).isBetween(1_990_000_000L, 2_100_000_000L);
        assertThat(result.latency().p50()).isBetween(5.0, 15.0);
    }

    @Test
    void aSenderStallCountsAgainstEveryRequestItDelayedNotOnlyTheOneItHit() {
        // At 100/s for 3 s, the send of request 100 blocks the sender for 500 ms (as a full connection pool would):
        // the ~50 requests due during the stall leave late. A closed-loop measurement would record one slow
        // request; latency from the due time records every one of them.
        OpenLoop.Result result = OpenLoop.run(100, Duration.ofSeconds(3), Duration.ofSeconds(5), sequence -> {
            if (sequence == 100) {
                sleep(500);
            }
            return answerAfter(1);
        });

        assertThat(result.sent()).isEqualTo(300);
        assertThat(result.latency().percentileMillis(90)).as("the delayed requests' share, from their due times")
                .isGreaterThan(100);
        assertThat(result.latency().maxMillis()).isBetween(490.0, 700.0);
        assertThat(result.serviceTime().percentileMillis(90)).as("from the actual send, the stall is invisible")
                .isLessThan(50);
        assertThat(result.serviceTime().maxMillis()).isBetween(490.0, 700.0); // only the request that was stalled in
    }

    @Test
    void unansweredRequestsCountAsFailuresAfterTheDrain() {
        OpenLoop.Result result = OpenLoop.run(50, Duration.ofSeconds(1), Duration.ofMillis(300),
                sequence -> sequence % 10 == 0 ? new CompletableFuture<>() : answerAfter(1));

        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.answered(202)).isEqualTo(45);
        assertThat(result.failures()).isEqualTo(5);
    }

    @Test
    void aTargetThatThrowsCountsAFailureAndTheLoadGoesOn() {
        OpenLoop.Result result = OpenLoop.run(100, Duration.ofMillis(500), Duration.ofSeconds(2), sequence -> {
            if (sequence == 3) {
                throw new IllegalStateException("connection refused");
            }
            return answerAfter(1);
        });

        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.failures()).isEqualTo(1);
        assertThat(result.answered(202)).isEqualTo(49);
    }

    @Test
    void dueTimesAreSpacedByTheRate() {
        assertThat(OpenLoop.dueNanos(0, 1650)).isZero();
        assertThat(OpenLoop.dueNanos(1650, 1650)).isEqualTo(1_000_000_000L);
        assertThat(OpenLoop.dueNanos(3, 1000)).isEqualTo(3_000_000L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
