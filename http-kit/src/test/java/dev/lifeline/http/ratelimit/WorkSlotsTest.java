package dev.lifeline.http.ratelimit;

import dev.lifeline.http.problem.ProblemException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkSlotsTest {

    @Test
    void workBeyondTheSlotsWaitsThenGetsA503WithRetryAfterWithoutRunning() throws Exception {
        WorkSlots slots = new WorkSlots(1, Duration.ofMillis(50), "busy; try again shortly.");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> slots.run(() -> {
            running.countDown();
            await(release);
            return "first";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        List<String> ran = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> slots.run(() -> ran.add("second")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.headers()).containsEntry("Retry-After", "1");
                });

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(ran).isEmpty();
    }

    @Test
    void aSlotIsFreedWhenTheWorkFails() {
        WorkSlots slots = new WorkSlots(1, Duration.ofMillis(50), "busy");

        assertThatThrownBy(() -> slots.run(() -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(slots.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        WorkSlots slots = new WorkSlots(1, Duration.ofSeconds(10), "busy");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> slots.run(() -> {
            holding.countDown();
            return await(release);
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).as("the slot taken").isTrue();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> waiters = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Thread waiter = new Thread(() -> slots.run(() -> order.add(n)));
            waiter.start();
            waiters.add(waiter);
            // Each queued (parked in its timed wait for the slot) before the next arrives.
            Awaitility.await("waiter " + n + " queued").atMost(Duration.ofSeconds(5))
                    .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        }

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        for (Thread waiter : waiters) {
            waiter.join(5_000);
        }

        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
