package dev.lifeline.kyc;

import dev.lifeline.kyc.testing.KycTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand requests without a stall: every one answered, none slower than a bound far above the response
 * floor. Speed itself is the benchmark's business.
 */
@KycTest
class VolumeTest {

    private static final int REQUESTS = 2_000;
    private static final int CONCURRENCY = 8;
    private static final long STALL_MILLIS = 3_000;

    @Test
    void twoThousandCheckReadsAndSubmissionsAreAllAnsweredWithoutAStall() throws Exception {
        // A cold JVM's first requests (class loading, JIT) are a start-up cost, not a stall.
        for (int i = 0; i < 20; i++) {
            given().header("Recovery-Token", "x").get("/api/v1/identity-checks/{id}", UUID.randomUUID());
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<long[]>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                boolean read = i % 2 == 0;
                answers.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    var request = given().header("Recovery-Token", "not-a-token")
                            .header("X-Forwarded-For", "198.18." + (sent & 0xff) + "." + ((sent >> 8) & 0xff));
                    int status = read
                            ? request.get("/api/v1/identity-checks/{id}", UUID.randomUUID()).statusCode()
                            : request.contentType("application/json").body(Map.of("answers", List.of("x")))
                            .post("/api/v1/identity-checks/{id}/evidence", UUID.randomUUID()).statusCode();
                    return new long[]{status, (System.nanoTime() - sent) / 1_000_000};
                }));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> answer : answers) {
                results.add(answer.get());
            }

            assertThat(results).extracting(r -> r[0]).containsOnly(404L);
            assertThat(results).extracting(r -> r[1]).allMatch(millis -> millis < STALL_MILLIS);
        } finally {
            pool.shutdownNow();
        }
    }
}
