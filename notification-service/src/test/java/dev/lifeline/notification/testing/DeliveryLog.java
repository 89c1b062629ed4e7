package dev.lifeline.notification.testing;

import dev.lifeline.testing.TestTokens;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

import static io.restassured.RestAssured.given;

/** The delivery log as support reads it through the API: a recovery's, or (…OfAccount) an account's. */
public final class DeliveryLog {

    private DeliveryLog() {
    }

    public static List<Map<String, Object>> of(UUID recoveryId) {
        return read("recoveryId", recoveryId);
    }

    public static List<Map<String, Object>> ofAccount(UUID accountId) {
        return read("accountId", accountId);
    }

    private static List<Map<String, Object>> read(String query, UUID id) {
        JsonPath log = given().auth().oauth2(TestTokens.supportAgent()).queryParam(query, id)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        return log.getList("deliveries");
    }

    /** Waits (up to 30 s) until the log satisfies the condition, and returns it. */
    public static List<Map<String, Object>> await(UUID recoveryId, Predicate<List<Map<String, Object>>> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(of(recoveryId)));
        return of(recoveryId);
    }

    /** Waits until every delivery of the recovery is final (none PENDING), at least {@code count} of them. */
    public static List<Map<String, Object>> awaitFinal(UUID recoveryId, int count) {
        return await(recoveryId, log -> isFinal(log, count));
    }

    /** Waits until every delivery of the account is final (none PENDING), at least {@code count} of them. */
    public static List<Map<String, Object>> awaitFinalOfAccount(UUID accountId, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> isFinal(ofAccount(accountId), count));
        return ofAccount(accountId);
    }

    private static boolean isFinal(List<Map<String, Object>> log, int count) {
        return log.size() >= count && log.stream().noneMatch(delivery -> "PENDING".equals(delivery.get("status")));
    }

    public static Map<String, Object> entry(List<Map<String, Object>> log, String template, String channel) {
        return log.stream().filter(d -> template.equals(d.get("template")) && channel.equals(d.get("channel")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + template + "/" + channel + " in " + log));
    }
}
