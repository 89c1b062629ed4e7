package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.EventType;
import dev.lifeline.events.messaging.PublishedEvents;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import static dev.lifeline.kyc.check.IdentityCheckTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

/** Submissions of one check take turns on its row: fired at once, they decide once and spend attempts exactly. */
@KycTest
class ConcurrentEvidenceTest {

    @Test
    void concurrentMatchingSubmissionsConfirmOnce() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        List<Integer> statuses = atOnce(6, () -> submit(recovery, Profiles.knowledge()).statusCode());

        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_CONFIRMED)).hasSize(1);
    }

    @Test
    void concurrentWrongSubmissionsSpendExactlyTheAttemptsAndRejectOnce() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);

        List<Integer> statuses = atOnce(6, () -> submit(recovery, Profiles.wrong()).statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(IdentityCheck.ATTEMPTS);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(6 - IdentityCheck.ATTEMPTS);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_REJECTED)).hasSize(1);
    }

    private static <T> List<T> atOnce(int n, Supplier<T> request) {
        return AtOnce.run(Collections.nCopies(n, request));
    }
}
