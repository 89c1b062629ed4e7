package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service whose database or broker is gone reports itself not ready, so a load balancer stops sending to it, and
 * ready again once it is back, with nothing restarted but the component that was gone.
 */
@ExtendWith(SharedSuite.class)
@ResourceLock(SharedSuite.LOCK)
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICE_URLS = List.of("LIFELINE_IDENTITY_URL", "LIFELINE_EMAIL_VERIFICATION_URL",
            "LIFELINE_KYC_URL", "LIFELINE_NOTIFICATION_URL");

    private static Suite suite;
    private static String identityUrl;

    @BeforeAll
    static void takeTheSharedSuite(Suite shared) {
        suite = shared;
        identityUrl = suite.url("LIFELINE_IDENTITY_URL");
    }

    @Test
    void serviceIsNotReadyWhileTheBrokerIsUnreachableAndReadyOnceItIsBack() {
        suite.run("stop", "kafka", "--kill");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(readiness(identityUrl)).contains("Kafka=DOWN"));

        suite.run("start", "kafka");

        awaitEveryServiceReady();
    }

    @Test
    void serviceIsNotReadyWhileTheDatabaseIsUnreachableAndReadyOnceItIsBack() {
        suite.run("stop", "postgresql"); // fast shutdown: its lock file goes with it, so start need not wait for init

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(readiness(identityUrl)).contains("Database=DOWN"));

        suite.run("start", "postgresql");

        awaitEveryServiceReady();
    }

    private static void awaitEveryServiceReady() {
        for (String service : SERVICE_URLS) {
            await(service + " ready again").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(readiness(suite.url(service))).isEqualTo("200 (ready)"));
        }
    }

    /** "503 Kafka=UP Database=DOWN", or "200 (ready)": compact enough for an assertion message. */
    private static String readiness(String serviceUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            return "200 (ready)";
        }
        StringBuilder summary = new StringBuilder(Integer.toString(response.statusCode()));
        for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
            String name = check.path("name").asText();
            String kind = name.startsWith("Kafka") ? "Kafka" : name.startsWith("Database") ? "Database" : name;
            summary.append(' ').append(kind).append('=').append(check.path("status").asText());
        }
        return summary.toString();
    }
}
