package dev.lifeline.identity;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.identity.testing.IdentityTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.lifeline.identity.testing.Api.anonymous;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An operator restarts PostgreSQL: the pool's dead connections are replaced before anyone gets a 500 for them. */
@IdentityTest
class DatabaseRestartTest {

    @Test
    void requestsAfterADatabaseRestartAreAnsweredNormally() {
        assumeTrue(LocalInfrastructure.ownsDatabase(), "needs a PostgreSQL this JVM started, to stop and restart it");
        String path = "/api/v1/recoveries/" + UUID.randomUUID();
        // Fill the pool with connections that the restart then kills.
        for (int i = 0; i < 20; i++) {
            anonymous().header("Recovery-Token", "x").get(path).then().statusCode(404);
        }

        LocalInfrastructure.stopDatabase();
        LocalInfrastructure.startDatabase();

        for (int i = 0; i < 20; i++) {
            anonymous().header("Recovery-Token", "x").get(path).then().statusCode(404);
        }
    }
}
