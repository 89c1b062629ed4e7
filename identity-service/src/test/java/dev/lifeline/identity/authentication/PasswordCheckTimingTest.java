package dev.lifeline.identity.authentication;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.Latencies;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.from;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work behind refusals that must not be told apart, with the refusal floor set to zero: with the floor, two runs
 * of 250 ms each compare the floor, not the work. Calls of both kinds are interleaved in random order (whatever
 * else the machine does falls on both alike) and compared by trimmed means. Both kinds run one Argon2
 * verification (~30 ms), which dominates; a path that skipped it would be several times faster, a path with a
 * second one twice as slow, so a 25 % bound is generous for noise and still fails on a real difference.
 */
@IdentityTest
@TestProfile(PasswordCheckTimingTest.NoRefusalFloor.class)
class PasswordCheckTimingTest {

    static final int ROUNDS = 40;
    static final double BOUND = 0.25;

    public static class NoRefusalFloor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.password-check.refusal-floor", "PT0S");
        }
    }

    @Inject
    TestAccounts accounts;

    @Test
    void unknownIdentifierTakesAsLongAsAWrongPassword() {
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 5; i++) {
            owners.add(accounts.create());
        }
        for (int i = 0; i < 5; i++) { // warm-up of both paths
            login(owners.get(ROUNDS + i).username(), "wrong-password-" + i);
            login(Api.uniqueName("nobody"), "wrong-password-" + i);
        }

        Latencies.Comparison comparison = Latencies.compare(ROUNDS,
                i -> login(owners.get(i).username(), "a-wrong-password"),
                i -> login(Api.uniqueName("nobody"), "a-wrong-password"));

        System.out.println("authentication below the floor, wrong password vs unknown identifier: " + comparison);
        assertThat(comparison.relativeDifference()).as(comparison.toString()).isLessThanOrEqualTo(BOUND);
    }

    @Test
    void ownersRightPasswordOnAnotherAccountsRecoveryTakesAsLongAsAWrongPassword() {
        UUID othersRecovery = TestRecoveries.start(accounts.create().username()).recoveryId();
        // One failure per owner, so that no account's cap is reached and both kinds take the full path.
        List<Owner> wrong = new ArrayList<>();
        List<Owner> right = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 5; i++) {
            wrong.add(accounts.create());
            right.add(accounts.create());
        }
        for (int i = 0; i < 5; i++) { // warm-up of both paths
            cancel(othersRecovery, wrong.get(ROUNDS + i).username(), "wrong-password-" + i);
            cancel(othersRecovery, right.get(ROUNDS + i).username(), right.get(ROUNDS + i).password());
        }

        Latencies.Comparison comparison = Latencies.compare(ROUNDS,
                i -> cancel(othersRecovery, wrong.get(i).username(), "a-wrong-password"),
                i -> cancel(othersRecovery, right.get(i).username(), right.get(i).password()));

        System.out.println("owner's cancel below the floor, wrong password vs right password on another's recovery: "
                + comparison);
        assertThat(comparison.relativeDifference()).as(comparison.toString()).isLessThanOrEqualTo(BOUND);
    }

    /** From a fresh address each time, so that the throttle never answers instead of the check. */
    private static void login(String identifier, String password) {
        from(Api.randomAddress()).body(Map.of("identifier", identifier, "password", password))
                .post("/api/v1/authentications").then().statusCode(401);
    }

    private static void cancel(UUID recoveryId, String identifier, String password) {
        from(Api.randomAddress()).body(Map.of("identifier", identifier, "password", password))
                .post("/api/v1/recoveries/" + recoveryId + "/cancel").then().statusCode(401);
    }
}
