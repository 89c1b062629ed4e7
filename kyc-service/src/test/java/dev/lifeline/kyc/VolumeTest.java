package dev.lifeline.kyc;

import dev.lifeline.http.testing.Volume;
import dev.lifeline.kyc.testing.KycTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand requests, each from its own client address, without a stall (see {@link Volume}). Speed itself
 * is the benchmark's business.
 */
@KycTest
class VolumeTest {

    @Test
    void twoThousandCheckReadsAndSubmissionsAreAllAnsweredWithoutAStall() throws Exception {
        Volume.Run run = Volume.send(2_000, 8, i -> {
            var request = given().header("Recovery-Token", "not-a-token")
                    .header("X-Forwarded-For", "198.18." + ((i >> 8) & 0xff) + "." + (i & 0xff));
            return i % 2 == 0
                    ? request.get("/api/v1/identity-checks/{id}", UUID.randomUUID()).statusCode()
                    : request.contentType("application/json").body(Map.of("answers", List.of("x")))
                    .post("/api/v1/identity-checks/{id}/evidence", UUID.randomUUID()).statusCode();
        });

        assertThat(run.statuses()).containsOnly(404);
        run.assertNoStall();
    }
}
