package dev.lifeline.identity.recovery.web;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import dev.lifeline.identity.testing.TestRecoveries;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start floor holds the answer, not a worker thread: 500 starts held at once all keep their floor, and the
 * service's readiness keeps answering quickly meanwhile. (A floor that slept on the worker pool, 200 threads here,
 * made everything else wait for the floor.)
 * <p>
 * The floor is long, so that every start has done its work (500 decoys stored, on a busy 2-core machine that takes
 * seconds) while all of them are still held; readiness is asked then, when only the floor could delay it.
 */
@IdentityTest
@TestProfile(RecoveryStartFloorUnderLoadTest.LongFloor.class)
class RecoveryStartFloorUnderLoadTest {

    static final Duration FLOOR = Duration.ofSeconds(25);
    private static final int STARTS = 500;
    /** Far below the floor (generous for a loaded machine): one that waited for held starts would take about the floor. */
    private static final Duration QUICK = Duration.ofSeconds(5);

    /** A floor long enough that all 500 starts are held at the same time. */
    public static class LongFloor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // 500 starts at once queue for the 20 database connections; on a loaded machine longer than the
            // default 5 s acquisition timeout, which is not what this test is about.
            return Map.of("lifeline.recovery-start.response-floor", FLOOR.toString(),
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT60S");
        }
    }

    private record Timed(int status, long nanos) {
    }

    @Inject
    TestRecoveries recoveries;

    @Test
    void fiveHundredConcurrentStartsKeepTheirFloorWhileReadinessAnswersQuickly() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://localhost:" + RestAssured.port;
        AtomicInteger answered = new AtomicInteger();
        long decoysBefore = recoveries.decoys();

        List<CompletableFuture<Timed>> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/recoveries"))
                    .timeout(FLOOR.multipliedBy(3))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", Api.randomAddress())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"identifier\":\"" + Api.uniqueName("nobody") + "\"}"))
                    .build();
            long sent = System.nanoTime();
            starts.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
                answered.incrementAndGet();
                return new Timed(response.statusCode(), System.nanoTime() - sent);
            }));
        }

        // Every start has done its work and waits for its floor.
        await().atMost(FLOOR.minusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.decoys() - decoysBefore >= STARTS);
        List<Timed> readiness = new ArrayList<>();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                .timeout(FLOOR).GET().build();
        for (int i = 0; i < 5; i++) {
            long sent = System.nanoTime();
            HttpResponse<Void> response = client.send(ready, HttpResponse.BodyHandlers.discarding());
            readiness.add(new Timed(response.statusCode(), System.nanoTime() - sent));
        }
        int answeredDuringReadiness = answered.get();

        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        List<Timed> answers = starts.stream().map(CompletableFuture::join).toList();
        long slowestReadiness = readiness.stream().mapToLong(Timed::nanos).max().orElse(Long.MAX_VALUE);
        System.out.printf("%d readiness answers while %d starts were held, slowest %d ms%n",
                readiness.size(), STARTS, slowestReadiness / 1_000_000);

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.nanos()).isGreaterThanOrEqualTo(FLOOR.toNanos());
        });
        assertThat(answeredDuringReadiness).as("starts answered before readiness was done").isZero();
        assertThat(readiness).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(Duration.ofNanos(slowestReadiness)).isLessThan(QUICK);
    }
}
