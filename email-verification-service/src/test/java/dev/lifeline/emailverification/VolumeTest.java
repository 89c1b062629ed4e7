package dev.lifeline.emailverification;

import dev.lifeline.emailverification.testing.Api;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.http.testing.Volume;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand requests, each from its own client address, without a stall (see {@link Volume}). Figures for
 * speed are the benchmark's.
 */
@EmailVerificationTest
class VolumeTest {

    @Test
    void twoThousandConfirmationsAndPageViewsAreAllAnsweredWithoutAStall() throws Exception {
        Volume.Run run = Volume.send(2_000, 8, i -> i % 4 == 0
                ? Api.linkPage("x".repeat(43)).statusCode()
                : Api.confirm(UUID.randomUUID(), "token", "123456", Api.newClient()).statusCode());

        assertThat(run.statuses()).containsOnly(400, 410);
        run.assertNoStall();
    }
}
