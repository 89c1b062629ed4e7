package dev.lifeline.identity.recovery.api;

import dev.lifeline.http.testing.Volume;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand recovery starts and status reads, each from its own client address, without a stall (see
 * {@link Volume}). Speed itself is the benchmark's business.
 */
@IdentityTest
class VolumeTest {

    @Test
    void twoThousandRecoveryStartsAndStatusReadsAreAllAnsweredWithoutAStall() throws Exception {
        Volume.Run run = Volume.send(2_000, 8, i -> i % 4 == 0
                ? Api.anonymous().header("Recovery-Token", "not-a-token")
                        .get("/api/v1/recoveries/{id}", UUID.randomUUID()).statusCode()
                : Api.anonymous().body(Map.of("identifier", Api.uniqueName("nobody")))
                        .post("/api/v1/recoveries").statusCode());

        assertThat(run.statuses()).containsOnly(202, 404);
        run.assertNoStall();
    }
}
