package dev.lifeline.identity.recovery.web;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.http.testing.Volume;
import dev.lifeline.identity.recoverycode.RecoveryCodeFormat;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestRecoveries;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand recovery starts and status reads, readiness check-ups and recovery-code guesses, each from its own
 * client address, without a stall (see {@link Volume}). Speed itself is the benchmark's business.
 */
@IdentityTest
class VolumeTest {

    @Inject
    TestAccounts accounts;

    @Test
    void twoThousandRecoveryStartsAndStatusReadsAreAllAnsweredWithoutAStall() throws Exception {
        // 32 at a time: most of a start's time is its floor, which holds no thread, so 8 would only wait longer.
        Volume.Run run = Volume.send(2_000, 32, i -> i % 4 == 0
                ? Api.anonymous().header("Recovery-Token", "not-a-token")
                        .get("/api/v1/recoveries/{id}", UUID.randomUUID()).statusCode()
                : Api.anonymous().body(Map.of("identifier", Api.uniqueName("nobody")))
                        .post("/api/v1/recoveries").statusCode());

        assertThat(run.statuses()).containsOnly(202, 404);
        run.assertNoStall();
    }

    @Test
    void twoThousandReadinessCheckUpsAndRecoveryCodeGuessesAreAllAnsweredWithoutAStall() throws Exception {
        UUID account = accounts.create().id();
        String gateway = TestTokens.gatewayFor(account);
        List<TestRecoveries.Started> decoys = IntStream.range(0, 20)
                .mapToObj(i -> TestRecoveries.start(Api.uniqueName("nobody"))).toList();

        Volume.Run run = Volume.send(2_000, 8, i -> {
            if (i % 4 == 0) {
                TestRecoveries.Started decoy = decoys.get(i % decoys.size());
                return Api.anonymous().header("Recovery-Token", decoy.token())
                        .body(Map.of("code", RecoveryCodeFormat.EXAMPLE))
                        .post("/api/v1/recoveries/{id}/recovery-code", decoy.recoveryId()).statusCode();
            }
            return Api.as(gateway).get("/api/v1/accounts/{id}/recovery-readiness", account).statusCode();
        });

        assertThat(run.statuses()).containsOnly(200, 400);
        run.assertNoStall();
    }
}
