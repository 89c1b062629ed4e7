package dev.lifeline.identity.recovery.web;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.TestRecoveries.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@IdentityTest
class RecoveryStatusTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void tokenHolderSeesAFreshRecoveryAwaitingEvidence() {
        Started started = TestRecoveries.start(accounts.create().username());

        status(started.recoveryId(), started.token()).then().statusCode(200)
                .body("recoveryId", equalTo(started.recoveryId().toString()))
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .body("requiredEvidence", contains("EMAIL", "IDENTITY"))
                .body("satisfiedEvidence", empty())
                .body("expiresAt", notNullValue())
                .body("resetAllowedAt", nullValue());
    }

    @Test
    void approvedRecoveryShowsWhenTheResetIsAllowed() {
        Started started = TestRecoveries.start(accounts.create().username());
        recoveries.makeReady(started.recoveryId());

        status(started.recoveryId(), started.token()).then().statusCode(200)
                .body("status", equalTo("READY"))
                .body("satisfiedEvidence", contains("EMAIL", "IDENTITY"))
                .body("resetAllowedAt", notNullValue());
    }

    @Test
    void decoyLooksLikeAFreshRecovery() {
        Owner owner = accounts.create();
        Started real = TestRecoveries.start(owner.username());
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));

        Response realStatus = status(real.recoveryId(), real.token());
        Response decoyStatus = status(decoy.recoveryId(), decoy.token());

        assertThat(decoyStatus.statusCode()).isEqualTo(realStatus.statusCode()).isEqualTo(200);
        assertThat(decoyStatus.jsonPath().getMap("")).containsOnlyKeys(realStatus.jsonPath().getMap("").keySet());
        for (String member : new String[] {"status", "requiredEvidence", "satisfiedEvidence", "resetAllowedAt"}) {
            assertThat(decoyStatus.jsonPath().<Object>get(member)).as(member)
                    .isEqualTo(realStatus.jsonPath().get(member));
        }
    }

    @Test
    void wrongTokenIsA404() {
        Started started = TestRecoveries.start(accounts.create().username());

        status(started.recoveryId(), started.token().substring(1) + "A").then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void missingTokenIsA404() {
        Started started = TestRecoveries.start(accounts.create().username());

        anonymous().get("/api/v1/recoveries/" + started.recoveryId()).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void wrongTokenUnknownIdAndAnotherRecoverysTokenAllGetTheSameAnswer() {
        Started one = TestRecoveries.start(accounts.create().username());
        Started other = TestRecoveries.start(accounts.create().username());
        UUID unknown = UUID.randomUUID();

        String wrongToken = withoutInstance(status(one.recoveryId(), "not-the-token"));
        String otherToken = withoutInstance(status(one.recoveryId(), other.token()));
        String unknownId = withoutInstance(status(unknown, one.token()));

        assertThat(otherToken).isEqualTo(wrongToken);
        assertThat(unknownId).isEqualTo(wrongToken);
    }

    @Test
    void malformedIdIsA404() {
        anonymous().header("Recovery-Token", "whatever").get("/api/v1/recoveries/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void expiredDecoyShowsExpired() {
        Started decoy = TestRecoveries.start(Api.uniqueName("nobody"));
        recoveries.ageDecoy(decoy.recoveryId(), Instant.now().minus(1, ChronoUnit.SECONDS));

        status(decoy.recoveryId(), decoy.token()).then().statusCode(200).body("status", equalTo("EXPIRED"));
    }

    static String withoutInstance(Response problem) {
        assertThat(problem.statusCode()).isEqualTo(404);
        return problem.jsonPath().getMap("").entrySet().stream()
                .filter(e -> !e.getKey().equals("instance"))
                .map(String::valueOf).sorted().toList().toString();
    }
}
