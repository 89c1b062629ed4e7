package dev.lifeline.identity.authentication;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.http.ratelimit.FailureThrottle;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

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
    void passwordHashedWithOlderParametersIsUpgradedOnLogin() {
        String older = Argon2Function.getInstance(15 * 1024, 2, 1, 32, Argon2.ID)
                .hash("tangerine-lantern-47-orbit".getBytes(StandardCharsets.UTF_8)).getResult();
        Owner owner = accounts.createWithHash(true, false, older);

        login(owner.username(), owner.password()).then().statusCode(200);

        assertThat(accounts.find(owner.id()).passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void ownersRightPasswordFromAnotherAddressSucceedsAfterAStrangersManyFailures() {
        Owner owner = accounts.create();
        String stranger = Api.randomAddress();
        for (int i = 0; i < 8; i++) {
            login(stranger, owner.username(), "guess-" + i);
        }
        login(stranger, owner.username(), "guess-8").then().statusCode(429);

        login(Api.randomAddress(), owner.username(), owner.password()).then().statusCode(200)
                .body("accountId", equalTo(owner.id().toString()));
    }

    @Test
    void failuresFromOneAddressGetGrowingDelays() {
        Owner owner = accounts.create();
        String address = Api.randomAddress();
        for (int i = 0; i < 3; i++) {
            login(address, owner.username(), "wrong-" + i).then().statusCode(401);
        }
        Duration first = throttledFor(login(address, owner.username(), "wrong-3"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> login(address, owner.username(), "wrong-4").statusCode() == 401);
        Duration second = throttledFor(login(address, owner.username(), "wrong-5"));

        assertThat(first).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(second).isGreaterThan(first.plusSeconds(1)).isLessThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void throttledAttemptIsA429ProblemWithRetryAfterAndCountsNothing() {
        Owner owner = accounts.create();
        String address = Api.randomAddress();
        for (int i = 0; i < 3; i++) {
            login(address, owner.username(), "wrong-" + i).then().statusCode(401);
        }

        for (int i = 0; i < 3; i++) {
            login(address, owner.username(), owner.password()).then().statusCode(429).contentType(PROBLEM_JSON)
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("https://lifeline.dev/problems/rate-limited"))
                    .body("retryAt", notNullValue());
        }

        assertThat(check.failures(owner.username(), address)).isEqualTo(new FailureThrottle.Failures(3, 3, 3));
    }

    @Test
    void successForgivesTheIdentifiersAndTheAccountsFailures() {
        Owner owner = accounts.create();
        String address = Api.randomAddress();
        login(Api.randomAddress(), owner.email(), "elsewhere").then().statusCode(401);
        login(address, owner.username(), "wrong-1").then().statusCode(401);
        login(address, owner.username(), "wrong-2").then().statusCode(401);

        login(address, owner.username(), owner.password()).then().statusCode(200);

        assertThat(check.failures(owner.username(), address)).isEqualTo(new FailureThrottle.Failures(0, 2, 0));
        for (int i = 0; i < 2; i++) {
            login(address, owner.username(), "wrong-again-" + i).then().statusCode(401);
        }
    }

    @Test
    void pastTheAccountCapTheOwnersRightPasswordFromAnAddressThatHasNotBeenFailingSucceeds() {
        Owner owner = accounts.create();
        failFromManyAddresses(owner.username(), ACCOUNT_CAP);

        login(Api.randomAddress(), owner.username(), owner.password()).then().statusCode(200);
    }

    @Test
    void pastTheAccountCapAnAddressThatHasBeenFailingIsAnsweredAsWrongEvenWithTheRightPassword() {
        Owner owner = accounts.create();
        failFromManyAddresses(owner.username(), ACCOUNT_CAP);
        String failing = Api.randomAddress();
        login(failing, owner.email(), "one-more-guess").then().statusCode(401);

        Response right = login(failing, owner.username(), owner.password());
        Response wrong = login(failing, owner.phone(), "still-wrong");

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(right.body().asString()).isEqualTo(wrong.body().asString());
    }

    @Test
    void accountCapEndsByItselfAndTheOwnersSuccessResetsIt() {
        Owner owner = accounts.create();
        failFromManyAddresses(owner.username(), ACCOUNT_CAP);
        String ownersAddress = Api.randomAddress();
        login(ownersAddress, owner.email(), "a-typo-while-capped").then().statusCode(401);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> login(ownersAddress, owner.phone(), owner.password()).statusCode() == 200);

        assertThat(check.failures(owner.username(), Api.randomAddress()).account()).isZero();
        login(owner.email(), "a-typo").then().statusCode(401);
        login(owner.username(), owner.password()).then().statusCode(200);
    }

    @Test
    void accountCapDoesNotShowThatTwoIdentifiersShareAnAccount() {
        Owner owner = accounts.create();
        failFromManyAddresses(owner.username(), ACCOUNT_CAP);
        String address = Api.randomAddress();
        String nobody = Api.uniqueName("nobody");
        String otherAddress = Api.randomAddress();

        List<String> viaEmail = new ArrayList<>();
        List<String> viaUnknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viaEmail.add(answer(login(address, owner.email(), "guess-" + i)));
            viaUnknown.add(answer(login(otherAddress, nobody, "guess-" + i)));
        }

        assertThat(viaEmail).isEqualTo(viaUnknown)
                .containsExactly(WRONG, WRONG, WRONG, THROTTLED, THROTTLED);
    }

    @Test
    void unknownIdentifierIsThrottledTheSameWay() {
        Owner owner = accounts.create();
        String nobody = Api.uniqueName("nobody");
        String address = Api.randomAddress();
        String otherAddress = Api.randomAddress();

        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(answer(login(address, owner.username(), "guess-" + i)));
            unknown.add(answer(login(otherAddress, nobody, "guess-" + i)));
        }

        assertThat(known).isEqualTo(unknown).containsExactly(WRONG, WRONG, WRONG, THROTTLED, THROTTLED);
    }

    @Test
    void oneClientAddressIsThrottledAcrossIdentifiers() {
        String address = Api.randomAddress();
        for (int i = 0; i < 6; i++) {
            login(address, Api.uniqueName("nobody"), "wrong").then().statusCode(401);
        }

        login(address, Api.uniqueName("nobody"), "wrong").then().statusCode(429);
    }

    @Test
    void anotherClientBehindTheSameGatewayIsNotThrottled() {
        String address = Api.randomAddress();
        for (int i = 0; i < 7; i++) {
            login(address, Api.uniqueName("nobody"), "wrong");
        }
        Owner owner = accounts.create();

        login(Api.randomAddress(), owner.username(), owner.password()).then().statusCode(200);
    }

    @Test
    void wrongGuessesFiredAtOnceAreEachCounted() throws Exception {
        Owner owner = accounts.create();
        int guesses = 8;

        List<Integer> statuses = atOnce(guesses, i -> login(owner.username(), "guess-" + i).statusCode());

        assertThat(statuses).containsOnly(401);
        assertThat(check.failures(owner.username(), Api.randomAddress()).account()).isEqualTo(guesses);
    }

    @Test
    void guessesFiredAtOnceFromOneAddressStopAtTheThreshold() throws Exception {
        Owner owner = accounts.create();
        String address = Api.randomAddress();

        List<Integer> statuses = atOnce(8, i -> login(address, owner.username(), "guess-" + i).statusCode());

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(5);
        assertThat(check.failures(owner.username(), address).identifierAndClient()).isEqualTo(3);
    }

    @Test
    void passwordOf65EmojiIsCheckedNotRefusedAsTooLong() {
        Owner owner = accounts.create();

        login(owner.username(), "\uD83D\uDD11".repeat(65)).then().statusCode(401)
                .body("type", equalTo("https://lifeline.dev/problems/invalid-credentials"));
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

    /** The account cap of the test profile (100 in production). */
    private static final int ACCOUNT_CAP = 10;

    @Inject
    PasswordCheck check;

    private static void failFromManyAddresses(String identifier, int failures) {
        for (int i = 0; i < failures; i++) {
            login(Api.randomAddress(), identifier, "spray-" + i).then().statusCode(401);
        }
    }

    private static final String WRONG = "401 https://lifeline.dev/problems/invalid-credentials";
    private static final String THROTTLED = "429 https://lifeline.dev/problems/rate-limited";

    /** Status and problem type: what the answers must share (a 429's retryAt names a time, so it is left out). */
    private static String answer(Response response) {
        return response.statusCode() + " " + response.jsonPath().getString("type");
    }

    /** How long a 429 says to wait, by its retryAt (Retry-After is in whole seconds). */
    private static Duration throttledFor(Response response) {
        response.then().statusCode(429).header("Retry-After", notNullValue());
        return Duration.between(Instant.now(), Instant.parse(response.jsonPath().getString("retryAt")));
    }

    private static List<Integer> atOnce(int count, IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(n);
                }));
            }
            go.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response login(String identifier, String password) {
        return login(Api.randomAddress(), identifier, password);
    }

    private static Response login(String address, String identifier, String password) {
        return from(address).body(Map.of("identifier", identifier, "password", password))
                .post("/api/v1/authentications");
    }
}
