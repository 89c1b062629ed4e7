package dev.lifeline.identity.recovery.web;

import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import dev.lifeline.testing.TestTokens;
import dev.lifeline.http.privacy.Masks;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@IdentityTest
class SupportListingTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void supportSeesAnAccountsRecoveriesNewestFirst() {
        Owner owner = accounts.create();
        Started first = TestRecoveries.start(owner.username());
        Started second = TestRecoveries.start(owner.username());

        list(TestTokens.supportAgent(), owner.id().toString()).then().statusCode(200)
                .body("recoveryId", contains(second.recoveryId().toString(), first.recoveryId().toString()))
                .body("[0].status", equalTo("AWAITING_EVIDENCE"))
                .body("[1].status", equalTo("AWAITING_EVIDENCE"))
                .body("[0].alternativeEvidence", contains(contains("EMAIL", "RECOVERY_CODE")));
    }

    @Test
    void eachRecoveryCarriesItsEventHistoryInOrder() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());
        recoveries.makeReady(started.recoveryId());
        PasswordResetTest.reset(started, TestAccounts.strongPassword()).then().statusCode(204);

        list(TestTokens.supportSupervisor(), owner.id().toString()).then().statusCode(200)
                .body("[0].events.type", contains("dev.lifeline.RecoveryRequested.v1",
                        "dev.lifeline.RecoveryApproved.v1", "dev.lifeline.PasswordReset.v1"))
                .body("[0].events[2].data.sessionsRevoked", equalTo(true))
                .body("[0].status", equalTo("COMPLETED"));
    }

    @Test
    void theListingHoldsNoTokenAndNoPassword() {
        Owner owner = accounts.create();
        Started started = TestRecoveries.start(owner.username());

        String body = list(TestTokens.supportAgent(), owner.id().toString()).then().statusCode(200).extract().asString();

        assertThat(body).doesNotContain(started.token()).doesNotContain(owner.password()).doesNotContain("$argon2");
    }

    @Test
    void theHistoryShowsTheOwnersContactsOnlyMasked() {
        Owner owner = accounts.create();
        TestRecoveries.start(owner.username());

        String body = list(TestTokens.supportAgent(), owner.id().toString()).then().statusCode(200)
                .body("[0].events[0].data.contacts.phone", equalTo(Masks.phone(owner.phone())))
                .body("[0].events[0].data.contacts.email", equalTo(Masks.email(owner.email())))
                .extract().asString();

        assertThat(body).doesNotContain(owner.email()).doesNotContain(owner.phone());
    }

    @Test
    void unknownAccountHasNoRecoveries() {
        list(TestTokens.supportAgent(), UUID.randomUUID().toString()).then().statusCode(200).body("$", empty());
    }

    @Test
    void malformedAccountIdIsA400() {
        list(TestTokens.supportAgent(), "not-a-uuid").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("accountId"));
    }

    @Test
    void missingAccountIdIsA400() {
        as(TestTokens.supportAgent()).get("/api/v1/recoveries").then().statusCode(400)
                .body("violations", hasSize(1));
    }

    @Test
    void adminIsNotSupport() {
        list(TestTokens.admin(), UUID.randomUUID().toString()).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void anonymousIsA401() {
        anonymous().queryParam("accountId", UUID.randomUUID().toString()).get("/api/v1/recoveries")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    private static io.restassured.response.Response list(String token, String accountId) {
        return as(token).queryParam("accountId", accountId).get("/api/v1/recoveries");
    }
}
