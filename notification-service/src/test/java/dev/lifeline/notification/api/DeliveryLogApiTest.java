package dev.lifeline.notification.api;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.notification.testing.Accounts;
import dev.lifeline.notification.testing.Accounts.TestOwner;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import dev.lifeline.events.PhoneStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The delivery log, a recovery's or an account's, is for support only, and shows addresses masked. */
@NotificationTest
class DeliveryLogApiTest {

    @Test
    void withoutATokenTheLogIsRefusedWith401() {
        given().queryParam("recoveryId", UUID.randomUUID()).get("/api/v1/notifications")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAdminIsNotSupportAndIsRefusedWith403() {
        given().auth().oauth2(TestTokens.admin()).queryParam("recoveryId", UUID.randomUUID())
                .get("/api/v1/notifications").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSupervisorReadsTheLogToo() {
        given().auth().oauth2(TestTokens.supportSupervisor()).queryParam("recoveryId", UUID.randomUUID())
                .get("/api/v1/notifications").then().statusCode(200).body("deliveries.size()", is(0));
    }

    @Test
    void aMissingOrMalformedRecoveryIdIsA400NamingIt() {
        for (String recoveryId : new String[]{null, "", "not-a-uuid"}) {
            var request = given().auth().oauth2(TestTokens.supportAgent());
            if (recoveryId != null) {
                request.queryParam("recoveryId", recoveryId);
            }
            request.get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", is("recoveryId"));
        }
    }

    @Test
    void theLogShowsEachChannelsOutcomeWithTheAddressesMasked() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);

        List<Map<String, Object>> log = DeliveryLog.awaitFinal(recovery.recoveryId(), 4);

        assertThat(log).extracting(d -> d.get("template")).containsOnly("recovery-started");
        assertThat(DeliveryLog.entry(log, "recovery-started", "EMAIL").get("detail"))
                .isEqualTo("to " + recovery.email().charAt(0) + "*****@example.org");
        String body = given().auth().oauth2(TestTokens.supportAgent()).queryParam("recoveryId", recovery.recoveryId())
                .get("/api/v1/notifications").then().statusCode(200).header("Cache-Control", "no-store")
                .extract().asString();
        assertThat(body).doesNotContain(recovery.email()).doesNotContain(recovery.phone());
    }

    @Test
    void anAdminIsRefusedTheAccountsLogWith403() {
        given().auth().oauth2(TestTokens.admin()).queryParam("accountId", UUID.randomUUID())
                .get("/api/v1/notifications").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aMalformedAccountIdIsA400NamingIt() {
        for (String accountId : new String[]{"not-a-uuid", "12345678-1234"}) {
            given().auth().oauth2(TestTokens.supportAgent()).queryParam("accountId", accountId)
                    .get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", is("accountId"));
        }
    }

    @Test
    void anAccountIdWithARecoveryIdIsA400() {
        given().auth().oauth2(TestTokens.supportAgent()).queryParam("accountId", UUID.randomUUID())
                .queryParam("recoveryId", UUID.randomUUID()).get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", is("accountId"));
    }

    @Test
    void theAccountsLogShowsItsOwnEventsDeliveriesWithTheAddressesMasked() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.ACTIVE);
        Accounts.codesIssued(owner, 10);

        List<Map<String, Object>> log = DeliveryLog.awaitFinalOfAccount(owner.accountId(), 4);

        assertThat(log).extracting(d -> d.get("template")).containsOnly("recovery-codes-issued");
        assertThat(DeliveryLog.entry(log, "recovery-codes-issued", "EMAIL").get("detail"))
                .isEqualTo("to " + owner.email().charAt(0) + "*****@example.org");
        String body = given().auth().oauth2(TestTokens.supportAgent()).queryParam("accountId", owner.accountId())
                .get("/api/v1/notifications").then().statusCode(200).header("Cache-Control", "no-store")
                .body("accountId", is(owner.accountId().toString())).body("recoveryId", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(owner.email()).doesNotContain(owner.phone());
    }

    @Test
    void theAccountsLogHoldsItsRecoveriesDeliveriesTooEachNamingItsRecovery() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.SUSPENDED);

        List<Map<String, Object>> log = DeliveryLog.awaitFinalOfAccount(recovery.accountId(), 4);

        assertThat(log).extracting(d -> d.get("recoveryId")).containsOnly(recovery.recoveryId().toString());
    }
}
