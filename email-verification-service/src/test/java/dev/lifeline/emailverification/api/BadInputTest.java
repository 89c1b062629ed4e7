package dev.lifeline.emailverification.api;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lifeline.emailverification.testing.Api.TOKEN_HEADER;
import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.newClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Bad input gets a clear 4xx problem and changes nothing: the challenge's attempts stay as they were. */
@EmailVerificationTest
class BadInputTest {

    private TestRecovery recovery;
    private String code;

    @BeforeEach
    void recoveryWithItsMail() {
        recovery = Recoveries.withEmail();
        code = Mailbox.awaitFirstMail(recovery.email()).code();
    }

    @Test
    void malformedJsonIsAProblemAndCostsNoAttempt() {
        confirmWith("{\"code\": ").then().statusCode(400).contentType("application/problem+json");
        assertNothingChanged();
    }

    @Test
    void aNumberWhereTheCodeStringBelongsIsRefusedNotCoerced() {
        confirmWith("{\"code\": 123456}").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("code"));
        assertNothingChanged();
    }

    @Test
    void aCodeThatIsNotSixToEightDigitsNamesTheFieldAndCostsNoAttempt() {
        for (String malformed : new String[]{"12345", "abcdef", "123456789", "", "１２３４５６"}) {
            confirm(recovery, malformed).then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("code"));
        }
        assertNothingChanged();
    }

    @Test
    void aCodeGivenTwiceIsA400NamingItAndCostsNoAttempt() {
        confirmWith("{\"code\": \"" + code + "\", \"code\": \"000000\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("code"))
                .body("violations.message", hasItem("appears more than once"));
        assertNothingChanged();
    }

    @Test
    void aCodeWithControlCharactersIsRefused() {
        confirmWith("{\"code\": \"123\\u0000456\"}").then().statusCode(400).contentType("application/problem+json");
        assertNothingChanged();
    }

    @Test
    void aMissingBodyOrCodeIsAProblem() {
        request().contentType("application/json").post(path()).then().statusCode(400).contentType("application/problem+json");
        confirmWith("{}").then().statusCode(400).body("violations.field", hasItem("code"));
        assertNothingChanged();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        confirmWith("{\"code\": \"" + "1".repeat(10_000) + "\"}").then().statusCode(413)
                .contentType("application/problem+json");
        assertNothingChanged();
    }

    @Test
    void aRecoveryIdThatIsNotAUuidIsAProblemWithoutInternals() {
        given().header("X-Forwarded-For", newClient()).header(TOKEN_HEADER, recovery.token())
                .contentType("application/json").body("{\"code\": \"" + code + "\"}")
                .post("/api/v1/email-verifications/not-a-uuid/confirm")
                .then().statusCode(is(404)).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    @Test
    void theWrongContentTypeIsAProblem() {
        request().contentType("text/plain").body("code=" + code).post(path())
                .then().statusCode(415).contentType("application/problem+json");
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        assertThat(StoredChallenges.find(recovery.recoveryId()).wrongAttempts()).isZero();
        confirm(recovery, code).then().statusCode(200);
    }

    private io.restassured.response.Response confirmWith(String json) {
        return request().contentType("application/json").body(json).post(path());
    }

    private RequestSpecification request() {
        return given().header("X-Forwarded-For", newClient()).header(TOKEN_HEADER, recovery.token());
    }

    private String path() {
        return "/api/v1/email-verifications/" + recovery.recoveryId() + "/confirm";
    }
}
