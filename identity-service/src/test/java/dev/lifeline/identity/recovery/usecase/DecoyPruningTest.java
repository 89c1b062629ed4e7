package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Decoy rows go a day after they expire (the scheduler runs every second in tests). */
@IdentityTest
class DecoyPruningTest {

    @Inject
    TestRecoveries recoveries;

    @Inject
    DecoyPruning pruning;

    @Inject
    TestAccounts accounts;

    @Test
    void aDecoyPastItsHorizonIsPruned() {
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        recoveries.ageDecoy(decoy.recoveryId(), Instant.now().minus(Duration.ofDays(1)).minusSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> !recoveries.decoyExists(decoy.recoveryId()));
        TestRecoveries.status(decoy.recoveryId(), decoy.token()).then().statusCode(404);
    }

    @Test
    void aRealRecoveryPastTheDecoysHorizonOpensNothingForItsTokenAsAPrunedDecoy() {
        Owner owner = accounts.create();
        Started real = TestRecoveries.start(owner.username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));
        Instant pastTheHorizon = Instant.now().minus(Duration.ofDays(1)).minusSeconds(60);

        recoveries.expireAt(real.recoveryId(), pastTheHorizon);
        recoveries.ageDecoy(decoy.recoveryId(), pastTheHorizon);

        // A day after expiry a decoy is pruned (404); a real recovery that still showed 200 EXPIRED told them apart.
        TestRecoveries.status(real.recoveryId(), real.token()).then().statusCode(404);
        TestRecoveries.status(decoy.recoveryId(), decoy.token()).then().statusCode(404);
        assertThat(recoveries.find(real.recoveryId())).as("support still has it").isNotNull();
    }

    @Test
    void aDecoyExpiredWithinItsHorizonStaysAndShowsExpired() {
        Started recent = TestRecoveries.start(Api.uniqueName("nobody"));
        Started old = TestRecoveries.start(Api.uniqueName("nobody"));
        recoveries.ageDecoy(recent.recoveryId(), Instant.now().minus(Duration.ofHours(23)));

        recoveries.ageDecoy(old.recoveryId(), Instant.now().minus(Duration.ofDays(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !recoveries.decoyExists(old.recoveryId()));

        assertThat(recoveries.decoyExists(recent.recoveryId())).isTrue();
        TestRecoveries.status(recent.recoveryId(), recent.token()).then().statusCode(200);
    }

    @Test
    void prunersRunningAtOnceNeverFailAndLeaveNoDecoyPastItsHorizon() throws Exception {
        for (int i = 0; i < 5; i++) {
            Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));
            recoveries.ageDecoy(decoy.recoveryId(), Instant.now().minus(Duration.ofDays(3)));
        }
        // Two instances' schedulers at the same moment; SKIP LOCKED lets each take what the other has not.
        Instant now = Instant.now();
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> pruning.prune(now));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> pruning.prune(now));

        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNegative();
        assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNegative();
        assertThat(recoveries.decoysExpiredBefore(now.minus(Duration.ofDays(1)))).isZero();
    }
}
