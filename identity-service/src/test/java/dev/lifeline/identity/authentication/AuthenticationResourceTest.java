package dev.lifeline.identity.authentication;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.Latencies;
import dev.lifeline.identity.testing.RateLimitWindows;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@IdentityTest
class AuthenticationResourceTest {

    @Inject
    TestAccounts accounts;

    @Test
    void rightPasswordAnswersWithTheAccount() {
        Owner owner = accounts.create();

        login(owner.username(), owner.password()).then().statusCode(200)
                .body("accountId", equalTo(owner.id().toString()));
    }

    @Test
    void emailAndPhoneAreIdentifiersToo() {
        Owner owner = accounts.create();

        login(owner.email().toUpperCase(), owner.password()).then().statusCode(200)
                .body("accountId", equalTo(owner.id().toString()));
        login(owner.phone(), owner.password()).then().statusCode(200)
                .body("accountId", equalTo(owner.id().toString()));
    }

    @Test
    void wrongPasswordIsA401Problem() {
        Owner owner = accounts.create();

        login(owner.username(), "not-" + owner.password()).then().statusCode(401).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/invalid-credentials"));
    }

    @Test
    void unknownIdentifierGetsTheSameAnswerAsAWrongPassword() {
        Owner owner = accounts.create();

        Response wrong = login(owner.username(), "not-" + owner.password());
        Response unknown = login(Api.uniqueName("nobody"), "not-" + owner.password());

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body().asString()).isEqualTo(wrong.body().asString());
        assertThat(unknown.header("Content-Type")).isEqualTo(wrong.header("Content-Type"));
    }

    @Test
    void unknownIdentifierTakesAsLongAsAWrongPassword() {
        int rounds = 40;
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            owners.add(accounts.create());
        }
        for (int i = 0; i < 5; i++) { // warm-up of both paths
            login(owners.get(rounds + i).username(), "wrong-password-" + i);
            login(Api.uniqueName("nobody"), "wrong-password-" + i);
        }

        Latencies.Comparison comparison = Latencies.compare(rounds,
                i -> login(owners.get(i).username(), "a-wrong-password").then().statusCode(401),
                i -> login(Api.uniqueName("nobody"), "a-wrong-password").then().statusCode(401));

        System.out.println("authentication, wrong password vs unknown identifier: " + comparison);
        assertThat(comparison.relativeDifference()).as(comparison.toString()).isLessThanOrEqualTo(0.10);
    }

    @Test
    void passwordHashedWithOlderParametersIsUpgradedOnLogin() {
        String older = Argon2Function.getInstance(15 * 1024, 2, 1, 32, Argon2.ID)
                .hash("tangerine-lantern-47-orbit".getBytes(StandardCharsets.UTF_8)).getResult();
        Owner owner = accounts.createWithHash(true, false, older);

        login(owner.username(), owner.password()).then().statusCode(200);

        assertThat(accounts.find(owner.id()).passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void fourthAttemptOnOneIdentifierWithinTheWindowIsA429WithRetryAfter() {
        Owner owner = accounts.create();
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 3; i++) {
            login(owner.username(), "wrong-" + i).then().statusCode(401);
        }

        login(owner.username(), owner.password()).then().statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://lifeline.dev/problems/rate-limited"))
                .body("retryAt", notNullValue());
    }

    @Test
    void unknownIdentifierIsRateLimitedTheSameWay() {
        String nobody = Api.uniqueName("nobody");
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 3; i++) {
            login(nobody, "wrong-" + i).then().statusCode(401);
        }

        login(nobody, "wrong-3").then().statusCode(429).body("type", equalTo("https://lifeline.dev/problems/rate-limited"));
    }

    @Test
    void ownerLogsInAgainOnceTheWindowHasPassed() {
        Owner owner = accounts.create();
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 4; i++) {
            login(owner.username(), "wrong-" + i);
        }
        login(owner.username(), owner.password()).then().statusCode(429);

        await().atMost(RateLimitWindows.window().multipliedBy(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> login(owner.username(), owner.password()).statusCode() == 200);
    }

    @Test
    void attemptsThroughAllOfAnAccountsIdentifiersCountAgainstTheAccount() {
        Owner owner = accounts.create();
        RateLimitWindows.awaitFreshWindow();
        for (String identifier : new String[] {owner.username(), owner.email(), owner.phone(),
                owner.username(), owner.email()}) {
            login(identifier, "wrong").then().statusCode(401);
        }

        login(owner.phone(), owner.password()).then().statusCode(429);
    }

    @Test
    void oneClientAddressIsLimitedAcrossIdentifiers() {
        String address = Api.randomAddress();
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 6; i++) {
            login(address, Api.uniqueName("nobody"), "wrong").then().statusCode(401);
        }

        login(address, Api.uniqueName("nobody"), "wrong").then().statusCode(429);
    }

    @Test
    void anotherClientBehindTheSameGatewayIsNotThrottled() {
        String address = Api.randomAddress();
        RateLimitWindows.awaitFreshWindow();
        for (int i = 0; i < 7; i++) {
            login(address, Api.uniqueName("nobody"), "wrong");
        }
        Owner owner = accounts.create();

        login(Api.randomAddress(), owner.username(), owner.password()).then().statusCode(200);
    }

    @Test
    void oversizedPasswordIsA400() {
        anonymous().body(Map.of("identifier", "alice", "password", "x".repeat(129)))
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("password"));
    }

    @Test
    void blankIdentifierIsA400() {
        anonymous().body(Map.of("identifier", " ", "password", "secret"))
                .post("/api/v1/authentications")
                .then().statusCode(400).body("violations[0].field", equalTo("identifier"));
    }

    private static Response login(String identifier, String password) {
        return login(Api.randomAddress(), identifier, password);
    }

    private static Response login(String address, String identifier, String password) {
        return from(address).body(Map.of("identifier", identifier, "password", password))
                .post("/api/v1/authentications");
    }
}
