package dev.lifeline.emailverification.testing;

import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The token holder's calls, each from a client address of its own (X-Forwarded-For from the trusted loopback
 * proxy), so that tests do not share a per-client rate limit unless they mean to.
 */
public final class Api {

    public static final String TOKEN_HEADER = "Recovery-Token";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private Api() {
    }

    /** A fresh end-user address. */
    public static String newClient() {
        int n = CLIENTS.incrementAndGet();
        return "198.18." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    public static Response confirm(TestRecovery recovery, String code) {
        return confirm(recovery.recoveryId(), recovery.token(), code, newClient());
    }

    public static Response confirm(UUID recoveryId, String token, String code, String client) {
        var request = given().header("X-Forwarded-For", client).contentType("application/json")
                .body(Map.of("code", code));
        if (token != null) {
            request.header(TOKEN_HEADER, token);
        }
        return request.post("/api/v1/email-verifications/{id}/confirm", recoveryId);
    }

    public static Response resend(TestRecovery recovery) {
        return resend(recovery.recoveryId(), recovery.token(), newClient());
    }

    public static Response resend(UUID recoveryId, String token, String client) {
        var request = given().header("X-Forwarded-For", client);
        if (token != null) {
            request.header(TOKEN_HEADER, token);
        }
        return request.post("/api/v1/email-verifications/{id}/resend", recoveryId);
    }

    /** Asks for a new code as soon as the cool-down allows (the tests' is 1 s). */
    public static void awaitResend(TestRecovery recovery) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> resend(recovery).statusCode() == 202);
    }

    public static Response linkPage(String linkToken) {
        return given().header("X-Forwarded-For", newClient()).queryParam("t", linkToken).get("/verify");
    }

    public static Response pressLinkButton(String linkToken) {
        return given().header("X-Forwarded-For", newClient()).contentType("application/x-www-form-urlencoded")
                .formParam("t", linkToken).post("/verify");
    }

    /** The problem's members but {@code instance} (the request's own path, which names its recovery). */
    public static Map<String, Object> problemOf(Response response) {
        Map<String, Object> problem = new java.util.TreeMap<>(response.jsonPath().getMap(""));
        problem.remove("instance");
        return problem;
    }

    /** A code the recovery's mail did not carry. */
    public static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}
