package dev.lifeline.emailverification.challenge;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.security.TokenHashes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One lifecycle for decoys (issue 22): challenges, real and decoy alike, are deleted on one horizon after their
 * recovery's deadline (lifeline.retention.kept-after-expiry, a day by default), and a start event delivered again
 * after that opens nothing.
 */
@EmailVerificationTest
class ChallengeRetentionTest {

    @Inject
    ChallengeRetention retention;

    @Inject
    Challenges challenges;

    @Inject
    EntityManager entityManager;

    @Test
    void aRealAndADecoyChallengeAreDeletedTogetherOnceTheirRecoveryIsPastTheHorizonAndNotBefore() {
        TestRecovery real = Recoveries.withEmail();
        TestRecovery decoy = Recoveries.decoy();
        StoredChallenges.awaitOpened(real.recoveryId());
        StoredChallenges.awaitOpened(decoy.recoveryId());
        Instant now = Instant.now();

        deadline(now.minus(Duration.ofHours(23)), real, decoy); // expired, but within the day kept
        retention.prune(now);
        assertThat(StoredChallenges.find(real.recoveryId())).isNotNull();
        assertThat(StoredChallenges.find(decoy.recoveryId())).isNotNull();

        deadline(now.minus(Duration.ofHours(25)), real, decoy);
        retention.prune(now);
        assertThat(StoredChallenges.find(real.recoveryId())).isNull();
        assertThat(StoredChallenges.find(decoy.recoveryId())).isNull();
        assertThat(confirm(real, "123456").statusCode()).as("a pruned challenge answers as an unknown one")
                .isEqualTo(confirm(decoy, "123456").statusCode());
    }

    @Test
    void aChallengeWhoseRecoveryIsStillOpenIsKept() {
        TestRecovery real = Recoveries.withEmail();
        StoredChallenges.awaitOpened(real.recoveryId());

        retention.prune(Instant.now());

        assertThat(StoredChallenges.find(real.recoveryId())).isNotNull();
    }

    @Test
    void aStartEventForARecoveryPastItsDeadlineOpensNothing() {
        Instant now = Instant.now();
        UUID recoveryId = UUID.randomUUID();
        RecoveryRequested late = new RecoveryRequested(UUID.randomUUID(), recoveryId, UUID.randomUUID(),
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)),
                new RecoveryPolicy(List.of(Evidence.EMAIL), Assurance.SUBSTANTIAL, Duration.ofHours(24)),
                new Contacts(recoveryId + "@example.org", true, PhoneStatus.SUSPENDED, "en"),
                TokenHashes.sha256("token-" + recoveryId));

        boolean opened = QuarkusTransaction.requiringNew().call(
                () -> challenges.open(EmailChallenge.of(late, now), now));

        assertThat(opened).isFalse();
        assertThat(StoredChallenges.find(recoveryId)).isNull();
    }

    private void deadline(Instant at, TestRecovery... recoveries) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (TestRecovery recovery : recoveries) {
                entityManager.createNativeQuery(
                                "UPDATE email_challenge SET recovery_expires_at = ?1 WHERE recovery_id = ?2")
                        .setParameter(1, at).setParameter(2, recovery.recoveryId()).executeUpdate();
            }
        });
    }
}
