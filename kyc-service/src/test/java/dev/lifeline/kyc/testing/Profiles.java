package dev.lifeline.kyc.testing;

import dev.lifeline.testing.TestTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A KYC profile stored through the admin API, and the evidence that matches it. */
public final class Profiles {

    public static final String ID_NUMBER = "11010519491231002X";
    /** Catalogue keys, in catalogue order: two questions are what every check shows, in that order. */
    public static final List<String> KEYS = List.of("first-school", "first-pet");
    public static final List<String> ANSWERS = List.of("Ｂｅｉｊｉｎｇ No.4 Middle School", "旺财");

    private Profiles() {
    }

    public static Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>();
        body.put("realName", "张三");
        body.put("idNumber", ID_NUMBER);
        body.put("bankCard", Map.of("issuer", "ICBC", "last4", "4321"));
        body.put("registration", Map.of("city", "北京", "date", "2015-03-14"));
        body.put("securityQuestions", List.of(Map.of("key", KEYS.get(0), "answer", ANSWERS.get(0)),
                Map.of("key", KEYS.get(1), "answer", ANSWERS.get(1))));
        return body;
    }

    /** A new account with the profile above. */
    public static UUID stored() {
        UUID account = UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body())
                .put("/api/v1/kyc-profiles/{id}", account).then().statusCode(204);
        return account;
    }

    /** Evidence as a user would type it: case, spacing and width differ from what was registered. */
    public static Map<String, Object> knowledge() {
        return Map.of("answers", List.of("beijing no 4 middle school", "旺 财"),
                "registration", Map.of("city", " 北京 ", "date", "2015-03-14"));
    }

    public static Map<String, Object> everything() {
        Map<String, Object> evidence = new HashMap<>(knowledge());
        evidence.put("idNumber", "11010519491231002x");
        evidence.put("bankCard", Map.of("issuer", "icbc", "last4", "4321"));
        return evidence;
    }

    public static Map<String, Object> wrong() {
        return Map.of("answers", List.of("shanghai", "小白"), "registration", Map.of("city", "广州", "date", "2016-01-01"));
    }
}
