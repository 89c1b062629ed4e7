package dev.lifeline.identity.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/**
 * Requests as the gateway sends them: JSON, and the end user's address in X-Forwarded-For (the tests connect
 * from loopback, a trusted proxy). Each call gets a fresh address unless one is given, so that per-client rate
 * limits of one test never touch another.
 */
public final class Api {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }

    public static RequestSpecification anonymous() {
        return from(randomAddress());
    }

    public static RequestSpecification from(String clientAddress) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress);
    }

    public static RequestSpecification as(String bearerToken) {
        return anonymous().auth().oauth2(bearerToken);
    }

    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A username no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }
}
