package dev.lifeline.identity.account;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@IdentityTest
class AccountResourceTest {

    @Inject
    TestAccounts accounts;

    @Test
    void adminCreatesAnAccountWithAnArgon2idHash() {
        Map<String, Object> body = newAccount();

        String id = as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(201)
                .extract().path("accountId");

        Account stored = accounts.find(UUID.fromString(id));
        assertThat(stored.username()).isEqualTo(body.get("username"));
        assertThat(stored.email()).contains((String) body.get("email"));
        assertThat(stored.emailVerified()).isTrue();
        assertThat(stored.locale()).isEqualTo("en");
        assertThat(stored.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain((String) body.get("password"));
    }

    @Test
    void locationNamesTheNewAccount() {
        var response = as(TestTokens.admin()).body(newAccount()).post("/api/v1/accounts").then().statusCode(201).extract();

        assertThat(response.header("Location")).endsWith("/api/v1/accounts/" + response.path("accountId"));
    }

    @Test
    void usernameTakenCaseInsensitivelyIsA409AndStoresNothing() {
        TestAccounts.Owner existing = accounts.create();
        Map<String, Object> body = newAccount();
        body.put("username", existing.username().toUpperCase());
        String email = (String) body.get("email");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/duplicate-account"))
                .body("violations.field", hasItem("username"));

        assertThat(accountsWithEmail(email)).isZero();
    }

    @Test
    void emailTakenIsA409() {
        TestAccounts.Owner existing = accounts.create();
        Map<String, Object> body = newAccount();
        body.put("email", existing.email());

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(409).body("violations.field", hasItem("email"));

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void phoneTakenIsA409() {
        TestAccounts.Owner existing = accounts.create();
        Map<String, Object> body = newAccount();
        body.put("phone", existing.phone());

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(409).body("violations.field", hasItem("phone"));

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void commonPasswordIsA422WithItsReasonAndStoresNothing() {
        Map<String, Object> body = newAccount();
        body.put("password", "password123");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/weak-password"))
                .body("violations[0].field", equalTo("password"))
                .body("violations[0].reason", equalTo("COMMON"))
                .body(not(containsString("password123")));

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void passwordBuiltFromTheUsernameIsA422() {
        Map<String, Object> body = newAccount();
        body.put("password", body.get("username") + "2024");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(422).body("violations[0].reason", equalTo("CONTAINS_ACCOUNT_DATA"));
    }

    @Test
    void malformedEmailIsA400NamingTheField() {
        Map<String, Object> body = newAccount();
        body.put("email", "not-an-address");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("email"));

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void unknownPhoneStatusIsA400ListingTheValues() {
        Map<String, Object> body = newAccount();
        body.put("phoneStatus", "BROKEN");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("phoneStatus"))
                .body("violations[0].message", equalTo("must be one of ACTIVE, SUSPENDED"));
    }

    @Test
    void missingUsernameAndPasswordAreA400() {
        Map<String, Object> body = newAccount();
        body.remove("username");
        body.remove("password");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(400)
                .body("violations.field", hasItem("username"))
                .body("violations.field", hasItem("password"));
    }

    @Test
    void oversizedPasswordIsA400() {
        Map<String, Object> body = newAccount();
        body.put("password", "x".repeat(129));

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(400).body("violations[0].field", equalTo("password"));

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void passwordOf65EmojiIsAPolicyAnswerNotA400() {
        Map<String, Object> body = newAccount();
        body.put("password", "\uD83D\uDD11".repeat(65)); // 65 characters, 130 UTF-16 units

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/weak-password"))
                .body("violations[0].field", equalTo("password"))
                .body("violations[0].reason", equalTo("TOO_WEAK"));
    }

    @Test
    void verifiedEmailWithoutEmailIsA400() {
        Map<String, Object> body = newAccount();
        body.remove("email");

        as(TestTokens.admin()).body(body).post("/api/v1/accounts")
                .then().statusCode(400).body("violations[0].field", equalTo("emailVerified"));
    }

    @Test
    void malformedJsonIsA400AndStoresNothing() {
        long before = accountsWithEmail("%");

        as(TestTokens.admin()).body("{\"username\": \"half").post("/api/v1/accounts")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        assertThat(accountsWithEmail("%")).isEqualTo(before);
    }

    @Test
    void supportCannotCreateAccountsOrSetPasswords() {
        Map<String, Object> body = newAccount();

        as(TestTokens.supportSupervisor()).body(body).post("/api/v1/accounts").then().statusCode(403);

        assertThat(accounts.countByUsername((String) body.get("username"))).isZero();
    }

    @Test
    void anonymousCannotCreateAccounts() {
        anonymous().body(newAccount()).post("/api/v1/accounts").then().statusCode(401);
    }

    private long accountsWithEmail(String pattern) {
        return accounts.countByEmailLike(pattern);
    }

    private static Map<String, Object> newAccount() {
        String username = Api.uniqueName("new");
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.com");
        body.put("emailVerified", true);
        body.put("phone", "+8613" + String.format("%09d", Math.floorMod(username.hashCode(), 1_000_000_000)));
        body.put("phoneStatus", "SUSPENDED");
        body.put("password", TestAccounts.strongPassword());
        body.put("locale", "en");
        body.put("mfaEnrolled", false);
        return body;
    }
}
