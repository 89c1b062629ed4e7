package dev.lifeline.emailverification;

import dev.lifeline.emailverification.testing.Api;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand requests, each from its own client address, without a stall: every one answered, none slower
 * than a bound far above the response floor. Figures for speed are the benchmark's; this only proves nothing
 * hangs (a 5 s DNS wait once hid behind tests that each sent a handful).
 */
@EmailVerificationTest
class VolumeTest {

    private static final int REQUESTS = 2_000;
    private static final int CONCURRENCY = 32;
    private static final long STALL_MILLIS = 3_000;

    @Test
    void twoThousandConfirmationsAndPageViewsAreAllAnsweredWithoutAStall() throws Exception {
        // A cold JVM's first page render and first confirmations (class loading, JIT) are a start-up cost, not a stall.
        for (int i = 0; i < 20; i++) {
            Api.linkPage("x".repeat(43));
            Api.confirm(UUID.randomUUID(), "token", "123456", Api.newClient());
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<long[]>> answers = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                boolean page = i % 4 == 0;
                answers.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    int status = page
                            ? Api.linkPage("x".repeat(43)).statusCode()
                            : Api.confirm(UUID.randomUUID(), "token", "123456", Api.newClient()).statusCode();
                    return new long[]{status, (System.nanoTime() - sent) / 1_000_000};
                }));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> answer : answers) {
                results.add(answer.get());
            }
            long totalMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(results).extracting(r -> r[0]).containsOnly(400L, 410L);
            assertThat(results).extracting(r -> r[1]).allMatch(millis -> millis < STALL_MILLIS);
            assertThat(totalMillis).as("all %d requests", REQUESTS).isLessThan(120_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
