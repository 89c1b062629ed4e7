package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * One lifecycle for decoys (issue 22): identity checks, real and decoy alike, are deleted on one horizon after their
 * end (lifeline.retention.kept-after-expiry, a day by default), except those support has a review case of; and a
 * start event delivered again after that opens nothing.
 */
@KycTest
class CheckRetentionTest {

    @Inject
    CheckRetention retention;

    @Inject
    RecoveryEventsListener listener;

    @Inject
    EntityManager entityManager;

    @Test
    void aRealAndADecoyCheckAreDeletedTogetherOnceTheyArePastTheHorizonAndNotBefore() {
        TestRecovery real = Recoveries.of(UUID.randomUUID(), Assurance.SUBSTANTIAL);
        TestRecovery decoy = Recoveries.decoy();
        Instant now = Instant.now();

        endAt(now.minus(Duration.ofHours(23)), real, decoy); // ended, but within the day kept
        retention.prune(now);
        assertThat(Recoveries.find(real.recoveryId())).isNotNull();
        assertThat(Recoveries.find(decoy.recoveryId())).isNotNull();

        endAt(now.minus(Duration.ofHours(25)), real, decoy);
        retention.prune(now);
        assertThat(Recoveries.find(real.recoveryId())).isNull();
        assertThat(Recoveries.find(decoy.recoveryId())).isNull();
    }

    @Test
    void aCheckSupportHasAReviewCaseOfStaysWithItsCase() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.HIGH);
        given().header("Recovery-Token", recovery.token()).header("X-Forwarded-For", recovery.clientAddress())
                .contentType("application/json")
                .body(Map.of("answers", List.of("Beijing No 4 Middle School", "旺财"),
                        "registration", Map.of("city", "上海", "date", "2015-03-14")))
                .post("/api/v1/identity-checks/{id}/evidence", recovery.recoveryId())
                .then().statusCode(200).body("status", is("IN_REVIEW"));
        await().atMost(Duration.ofSeconds(20)).until(() -> reviewCases(recovery.recoveryId()) == 1);
        Instant now = Instant.now();
        endAt(now.minus(Duration.ofDays(3)), recovery);

        retention.prune(now);

        assertThat(Recoveries.find(recovery.recoveryId())).isNotNull();
        assertThat(reviewCases(recovery.recoveryId())).isEqualTo(1);
    }

    @Test
    void aStartEventForARecoveryPastItsDeadlineOpensNothing() {
        Instant now = Instant.now();
        UUID recoveryId = UUID.randomUUID();
        RecoveryRequested late = new RecoveryRequested(UUID.randomUUID(), recoveryId, UUID.randomUUID(),
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)),
                new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.SUBSTANTIAL,
                        Duration.ofHours(24)),
                new Contacts(null, false, PhoneStatus.SUSPENDED, "en"), TokenHashes.sha256("token-" + recoveryId));

        QuarkusTransaction.requiringNew().run(() -> listener.apply(late));

        assertThat(Recoveries.find(recoveryId)).isNull();
    }

    private void endAt(Instant at, TestRecovery... recoveries) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (TestRecovery recovery : recoveries) {
                entityManager.createNativeQuery("UPDATE identity_check SET expires_at = ?1 WHERE recovery_id = ?2")
                        .setParameter(1, at).setParameter(2, recovery.recoveryId()).executeUpdate();
            }
        });
    }

    private long reviewCases(UUID recoveryId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM review_case WHERE recovery_id = ?1")
                .setParameter(1, recoveryId).getSingleResult()).longValue());
    }
}
