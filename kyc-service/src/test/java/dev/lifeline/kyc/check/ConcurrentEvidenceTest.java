package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.EventType;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import dev.lifeline.kyc.profile.FactHashing;
import dev.lifeline.kyc.profile.ProfileConfig;
import dev.lifeline.kyc.profile.TransactionWatchingHashing;
import io.quarkus.test.junit.QuarkusMock;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static dev.lifeline.kyc.check.IdentityCheckTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submissions of one check take turns on its row: fired at once, they decide once and spend attempts exactly. The
 * slow hashes run before the turn is taken and outside any transaction, so submissions of many checks at once
 * neither wait on each other nor drain the connection pool.
 */
@KycTest
class ConcurrentEvidenceTest {

    @Inject
    ProfileConfig profileConfig;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20")
    int poolSize;

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
        // The rest find it rejected, which ends it for its token holder at once: the 404 of a check nobody can open.
        assertThat(statuses).filteredOn(s -> s == 404).hasSize(6 - IdentityCheck.ATTEMPTS);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.IDENTITY_REJECTED)).hasSize(1);
    }

    @Test
    void answersAreHashedWithoutATransactionSoSlowHashesHoldNoConnection() {
        TransactionWatchingHashing hashing = new TransactionWatchingHashing(profileConfig);
        QuarkusMock.installMockForType(hashing, FactHashing.class);
        TestRecovery withProfile = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        TestRecovery decoy = Recoveries.decoy();

        submit(withProfile, Profiles.wrong()).then().statusCode(200);
        submit(decoy, Profiles.wrong()).then().statusCode(200);

        assertThat(hashing.inTransaction()).hasSizeGreaterThanOrEqualTo(4).containsOnly(false);
    }

    @Test
    void twiceAsManyConcurrentSubmissionsAsPooledConnectionsAllAreAnswered() {
        List<TestRecovery> recoveries = IntStream.range(0, 2 * poolSize)
                .mapToObj(i -> Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL)).toList();

        List<Integer> statuses = AtOnce.run(recoveries.stream()
                .<Supplier<Integer>>map(r -> () -> submit(r, Profiles.knowledge()).statusCode()).toList());

        assertThat(statuses).hasSize(2 * poolSize).containsOnly(200);
    }

    private static <T> List<T> atOnce(int n, Supplier<T> request) {
        return AtOnce.run(Collections.nCopies(n, request));
    }
}
