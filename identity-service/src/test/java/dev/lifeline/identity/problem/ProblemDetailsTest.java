package dev.lifeline.identity.problem;

import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.testing.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@IdentityTest
class ProblemDetailsTest {

    @Test
    void unknownRouteIsA404Problem() {
        anonymous().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void pathOutsideTheApiIsA404Problem() {
        anonymous().get("/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void wrongMethodIsA405Problem() {
        anonymous().delete("/api/v1/authentications")
                .then().statusCode(405).contentType(PROBLEM_JSON)
                .body("status", equalTo(405));
    }

    @Test
    void aWrongMethodOnAnAccountsSubResourceIsA405NotA404() {
        String account = "/api/v1/accounts/" + UUID.randomUUID();
        as(TestTokens.admin()).get(account + "/recovery-codes").then().statusCode(405).contentType(PROBLEM_JSON);
        as(TestTokens.admin()).delete(account + "/recovery-readiness").then().statusCode(405).contentType(PROBLEM_JSON);
    }

    @Test
    void bodyThatIsNotJsonIsA415Problem() {
        given().contentType(ContentType.TEXT).body("identifier=alice")
                .post("/api/v1/authentications")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("status", equalTo(415));
    }

    @Test
    void aContentTypeOnARequestWithoutABodyIsIgnored() {
        // A proxy may add the header; without a body it describes nothing (it used to make this GET a 415).
        as(TestTokens.supportAgent()).contentType(ContentType.TEXT)
                .get("/api/v1/recoveries?accountId=" + UUID.randomUUID())
                .then().statusCode(200);
        given().contentType(ContentType.TEXT).post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("body"));
    }

    @Test
    void aBodyThatIsNotValidUtf8IsA400ProblemNotReadAsTheCharacterItSpells() {
        // C0 AF is an overlong '/', which Jackson used to read as one: the start was accepted (202).
        byte[] overlong = "{\"identifier\": \"s\u0000\u0000\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        overlong[17] = (byte) 0xC0;
        overlong[18] = (byte) 0xAF;
        anonymous().body(overlong).post("/api/v1/recoveries")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", equalTo("is not valid UTF-8"));
    }

    @Test
    void aBodySentOverAnH2cUpgradeIsRead() throws Exception {
        // The JDK's HTTP client asks for HTTP/2 on plain http (Upgrade: h2c): the kit's body buffering made every such
        // POST a 500 (quarkus-rest pauses the HTTP/2 request it finds read), so HTTP/2 bodies are left to quarkus-rest.
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/authentications"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"identifier\": \"nobody-" + UUID.randomUUID() + "\", \"password\": \"not-it-at-all\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        }
    }

    @Test
    void aGetThatCarriesAFormBodyIsNeverA500() throws Exception {
        // Vert.x's body handler decoded it as a multipart request and failed with a 500 (the sweep found it).
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String type : List.of("multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                                    + "/api/v1/recoveries?accountId=" + UUID.randomUUID()))
                    .header("Authorization", "Bearer " + TestTokens.supportAgent())
                    .header("Content-Type", type)
                    .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("{\"sweep\":true}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(type).isLessThan(500);
        }
    }

    @Test
    void malformedJsonIsA400ProblemWithoutInternals() {
        anonymous().body("{\"identifier\": \"alice\", ")
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.dev/problems/invalid-request"))
                .body("violations.field", hasItem("body"))
                .body(not(containsString("dev.lifeline")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception")));
    }

    @Test
    void valueOfTheWrongTypeIsA400ProblemNamingTheField() {
        anonymous().body("{\"identifier\": [\"alice\"], \"password\": \"secret\"}")
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("identifier"))
                .body("violations[0].message", equalTo("must be a string"))
                .body(not(containsString("java.")));
    }

    @Test
    void aNumberWhereAStringBelongsIsA400ProblemNotCoercedIntoText() {
        anonymous().body("{\"identifier\": 12}")
                .post("/api/v1/recoveries")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("identifier"))
                .body("violations[0].message", equalTo("must be a string"));
    }

    @Test
    void aKeyGivenTwiceIsA400ProblemNamingTheKeyOnEveryEndpoint() {
        for (String path : List.of("/api/v1/recoveries", "/api/v1/authentications")) {
            anonymous().body("{\"identifier\": \"a\", \"identifier\": \"b\", \"password\": \"secret\"}")
                    .post(path)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("https://lifeline.dev/problems/invalid-request"))
                    .body("violations[0].field", equalTo("identifier"))
                    .body("violations[0].message", equalTo("appears more than once"));
        }
    }

    @Test
    void aFieldTheRequestDoesNotHaveIsA400ProblemNamingItAndStartsNothing() {
        String identifier = "nobody-" + UUID.randomUUID();
        anonymous().body("{\"identifier\": \"" + identifier + "\", \"accountId\": \"x\"}")
                .post("/api/v1/recoveries")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("accountId"))
                .body("violations[0].message", equalTo("is not a field of this request"));
        anonymous().body("{\"identifer\": \"alice\", \"password\": \"secret\"}")
                .post("/api/v1/authentications")
                .then().statusCode(400).body("violations[0].field", equalTo("identifer"));
    }

    @Test
    void aControlCharacterInAStringIsA400ProblemNamingTheField() {
        anonymous().body("{\"identifier\": \"li.wei\\u0000\", \"password\": \"secret\"}")
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("identifier"))
                .body("violations[0].message", equalTo("must not contain control characters"));
    }

    @Test
    void everyAnswerForbidsCachingSniffingAndReferrers() {
        for (var response : List.of(
                anonymous().get("/api/v1/nothing-here"),
                anonymous().body("{\"identifier\": \"nobody-" + UUID.randomUUID() + "\"}").post("/api/v1/recoveries"),
                anonymous().body("{").post("/api/v1/authentications"),
                given().get("/q/health/live"))) {
            response.then()
                    .header("Cache-Control", equalTo("no-store"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
    }

    @Test
    void missingBodyIsA400Problem() {
        anonymous().post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("body"));
    }

    @Test
    void missingFieldsAreEachNamed() {
        anonymous().body("{}")
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("identifier"))
                .body("violations.field", hasItem("password"));
    }

    @Test
    void oversizedFieldIsA400Problem() {
        anonymous().body("{\"identifier\": \"" + "a".repeat(255) + "\", \"password\": \"secret\"}")
                .post("/api/v1/authentications")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("identifier"));
    }

    @Test
    void bodyOverTheSizeLimitIsA413Problem() {
        anonymous().body("{\"identifier\": \"" + "a".repeat(20_000) + "\", \"password\": \"secret\"}")
                .post("/api/v1/authentications")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("status", equalTo(413));
    }

    @Test
    void missingBearerTokenIsA401Problem() {
        anonymous().body("{}").post("/api/v1/accounts")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void forgedBearerTokenIsA401Problem() {
        String token = TestTokens.admin();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        as(forged).body("{}").post("/api/v1/accounts")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void bearerTokenWithoutTheRoleIsA403Problem() {
        as(TestTokens.supportAgent()).body("{}").post("/api/v1/accounts")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("status", equalTo(403));
    }

    @Test
    void problemsAreServedEvenToClientsThatOnlyAcceptJson() {
        anonymous().accept(ContentType.JSON).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("title", notNullValue());
    }
}
