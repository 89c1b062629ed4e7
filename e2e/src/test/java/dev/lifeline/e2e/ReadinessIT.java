package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service whose database or broker is gone reports itself not ready, so a load balancer stops sending to it. */
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Launcher launcher = new Launcher();
    private String identityUrl;

    @BeforeEach
    void up() {
        Launcher.Result up = launcher.run(Duration.ofMinutes(5), "up", "--ephemeral");
        assertThat(up.exitCode()).as("deploy/lifeline up:\n%s", up.output()).isZero();
        identityUrl = launcher.env().get("LIFELINE_IDENTITY_URL");
    }

    @AfterEach
    void down() {
        Launcher.Result down = launcher.run(Duration.ofMinutes(2), "down");
        assertThat(down.exitCode()).as("deploy/lifeline down:\n%s", down.output()).isZero();
    }

    @Test
    void serviceIsNotReadyWhileTheBrokerIsUnreachable() {
        ProcessHandle.of(launcher.pidOf("kafka")).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(readiness()).contains("Kafka=DOWN"));
    }

    @Test
    void serviceIsNotReadyWhileTheDatabaseIsUnreachable() {
        ProcessHandle.of(launcher.pidOf("postgresql")).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(readiness()).contains("Database=DOWN"));
    }

    /** "503 Kafka=UP Database=DOWN", compact enough for an assertion message. */
    private String readiness() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(identityUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder summary = new StringBuilder(Integer.toString(response.statusCode()));
        for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
            String name = check.path("name").asText();
            String kind = name.startsWith("Kafka") ? "Kafka" : name.startsWith("Database") ? "Database" : name;
            summary.append(' ').append(kind).append('=').append(check.path("status").asText());
        }
        return response.statusCode() == 503 ? summary.toString() : summary + " (ready)";
    }
}
