package dev.lifeline.kyc.profile;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@KycTest
class KycProfileResourceTest {

    private static final String ID_NUMBER = Profiles.ID_NUMBER;

    @Inject
    FactHashing hashing;

    @Inject
    EntityManager entityManager;

    @Test
    void anAdminStoresAProfileThatSupportSeesOnlyMasked() {
        UUID account = UUID.randomUUID();

        put(account, profile(), TestTokens.admin()).then().statusCode(204);

        given().auth().oauth2(TestTokens.supportAgent()).get("/api/v1/kyc-profiles/{id}", account).then()
                .statusCode(200)
                .body("realName", is("张*"))
                .body("idNumber", is("1101**********002X"))
                .body("bankCard", is("ICBC ****4321"))
                .body("registrationDate", is("2015-03-14"))
                .body("securityQuestions", contains("first-school", "first-pet"))
                .body("questionsNotAsked", empty());
    }

    @Test
    void anUnknownQuestionKeyIsA400NamingItAndStoresNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> body = profile();
        body.put("securityQuestions", List.of(question("first-pet", "Mochi"),
                question("What was your first pet's name?", "Mochi")));

        put(account, body, TestTokens.admin()).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("securityQuestions[1].key"));

        assertThat(stored(account)).isZero();
    }

    @Test
    void aQuestionKeyGivenTwiceIsA400NamingTheSecondAndStoresNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> body = profile();
        body.put("securityQuestions", List.of(question("first-pet", "Mochi"), question("first-school", "No. 4"),
                question("first-pet", "Rex")));

        put(account, body, TestTokens.admin()).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("securityQuestions[2].key"));

        assertThat(stored(account)).isZero();
    }

    @Test
    void aQuestionKeptFromBeforeTheCatalogueIsListedToSupportAsNotAsked() {
        UUID account = UUID.randomUUID();
        put(account, profile(), TestTokens.admin()).then().statusCode(204);
        // What V5__security_question_keys.sql leaves of a question whose text matches no catalogue text.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE kyc_security_question SET question_key = NULL, legacy_question = 'Your first pet''s name?'
                        WHERE account_id = :id AND position = 1""")
                .setParameter("id", account).executeUpdate());

        given().auth().oauth2(TestTokens.supportAgent()).get("/api/v1/kyc-profiles/{id}", account).then()
                .statusCode(200)
                .body("securityQuestions", contains("first-school"))
                .body("questionsNotAsked", contains("Your first pet's name?"));
    }

    @Test
    void answersAreStoredNormalisedAndSlowHashedSoVariantsMatchAndOthersDoNot() {
        UUID account = UUID.randomUUID();
        put(account, profile(), TestTokens.admin()).then().statusCode(204);

        List<String> hashes = QuarkusTransaction.requiringNew().call(() -> KycProfile.<KycProfile>findById(account)
                .securityQuestions().stream().map(KycProfile.SecurityQuestion::answerHash).toList());

        assertThat(hashes.get(0)).startsWith("pbkdf2-sha256$");
        assertThat(hashing.answerMatches(AnswerNormalizer.normalize("beijing no 4 middle school"), hashes.get(0))).isTrue();
        assertThat(hashing.answerMatches(AnswerNormalizer.normalize("Beijing No.5 Middle School"), hashes.get(0))).isFalse();
        assertThat(hashing.answerMatches(AnswerNormalizer.normalize("旺 财！"), hashes.get(1))).isTrue();
    }

    @Test
    void aSecondPutReplacesTheWholeProfile() {
        UUID account = UUID.randomUUID();
        put(account, profile(), TestTokens.admin()).then().statusCode(204);
        Map<String, Object> changed = profile();
        changed.put("securityQuestions", List.of(question("first-pet", "a1"), question("mother-maiden-name", "a2"),
                question("first-school", "a3")));

        put(account, changed, TestTokens.admin()).then().statusCode(204);

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/kyc-profiles/{id}", account).then()
                .statusCode(200).body("securityQuestions", contains("first-pet", "mother-maiden-name", "first-school"));
    }

    @Test
    void onlyAnAdminMayWriteAndOnlyAdminOrSupportMayRead() {
        UUID account = UUID.randomUUID();

        put(account, profile(), null).then().statusCode(401).contentType("application/problem+json");
        put(account, profile(), TestTokens.supportSupervisor()).then().statusCode(403)
                .contentType("application/problem+json");
        put(account, profile(), TestTokens.supportAgent()).then().statusCode(403);
        given().get("/api/v1/kyc-profiles/{id}", account).then().statusCode(401);
        given().auth().oauth2("not.a.jwt").get("/api/v1/kyc-profiles/{id}", account).then().statusCode(401);
        assertThat(stored(account)).isZero();
    }

    @Test
    void aMalformedIdNumberIsA400NamingTheFieldAndStoresNothing() {
        UUID account = UUID.randomUUID();
        for (String bad : List.of("110105194912310021", "11010519491231002", "1101051949123100XX", "abc")) {
            Map<String, Object> body = profile();
            body.put("idNumber", bad);

            Response answer = put(account, body, TestTokens.admin());

            answer.then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("idNumber"));
            // The instance names the account's random id, which may itself contain "abc".
            assertThat(answer.asString().replace(account.toString(), "<account>"))
                    .doesNotContain(bad.substring(0, Math.min(bad.length(), 10)));
        }
        assertThat(stored(account)).isZero();
    }

    @Test
    void everyOtherBadFieldIsNamedAndStoresNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> body = profile();
        body.put("bankCard", Map.of("issuer", "ICBC", "last4", "43a1"));
        body.put("securityQuestions", List.of(question("first-pet", "yes")));
        body.put("registration", Map.of("city", "北京", "date", "2999-01-01"));

        put(account, body, TestTokens.admin()).then().statusCode(400)
                .body("violations.field", hasItem("securityQuestions"))
                .body("violations.field", hasItem("registration.date"));
        body.put("securityQuestions", List.of(question("first-pet", "!!!"), question("first-car-make", "fine")));
        body.put("registration", Map.of("city", "北京", "date", "2015-03-14"));
        put(account, body, TestTokens.admin()).then().statusCode(400)
                .body("violations.field", hasItem("bankCard.last4"))
                .body("violations.field", hasItem("securityQuestions[0].answer"));
        assertThat(stored(account)).isZero();
    }

    @Test
    void malformedJsonWrongTypesAndOversizedBodiesAreProblems() {
        UUID account = UUID.randomUUID();
        request(TestTokens.admin()).body("{\"realName\": ").put("/api/v1/kyc-profiles/{id}", account)
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> typed = profile();
        typed.put("idNumber", 11010519491231002L);
        put(account, typed, TestTokens.admin()).then().statusCode(400).body("violations.field", hasItem("idNumber"));
        Map<String, Object> huge = profile();
        huge.put("realName", "张".repeat(20_000));
        put(account, huge, TestTokens.admin()).then().statusCode(413).contentType("application/problem+json");
        request(TestTokens.admin()).body("{}").put("/api/v1/kyc-profiles/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(stored(account)).isZero();
    }

    @Test
    void noRawFactAppearsInAnswersLogsAuditOrStoredRows() {
        UUID account = UUID.randomUUID();
        List<String> raw = List.of(ID_NUMBER, "张三", "北京", "旺财", "Beijing", "Middle School");
        String fullAnswerView;
        try (LogLines logs = LogLines.all()) {
            put(account, profile(), TestTokens.admin()).then().statusCode(204);
            fullAnswerView = given().auth().oauth2(TestTokens.admin()).get("/api/v1/kyc-profiles/{id}", account).asString();
            assertThat(logs.containing("kyc-profile.put", "account=" + account)).hasSize(1);
            for (String line : logs.lines()) {
                assertThat(line).doesNotContain(raw);
            }
        }
        assertThat(fullAnswerView).doesNotContain(ID_NUMBER).doesNotContain("张三").doesNotContain("北京")
                .doesNotContain("旺财").doesNotContain("Middle");
        String rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT row_to_json(p)::text || (SELECT json_agg(q)::text FROM kyc_security_question q
                                                        WHERE q.account_id = p.account_id)
                        FROM kyc_profile p WHERE account_id = :id""")
                .setParameter("id", account).getSingleResult().toString());
        assertThat(rows).doesNotContain(ID_NUMBER).doesNotContain("张三").doesNotContain("北京")
                .doesNotContain("旺财").doesNotContain("Middle").doesNotContain("Beijing");
    }

    private long stored(UUID account) {
        return QuarkusTransaction.requiringNew().call(() -> KycProfile.count("accountId", account));
    }

    static Map<String, Object> profile() {
        return new HashMap<>(Profiles.body());
    }

    private static Map<String, String> question(String key, String answer) {
        return Map.of("key", key, "answer", answer);
    }

    private static Response put(UUID account, Map<String, Object> body, String token) {
        return request(token).body(body).put("/api/v1/kyc-profiles/{id}", account);
    }

    private static RequestSpecification request(String token) {
        RequestSpecification request = given().contentType("application/json");
        return token == null ? request : request.auth().oauth2(token);
    }
}
