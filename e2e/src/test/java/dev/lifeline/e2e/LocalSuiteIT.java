package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, end to end: {@code deploy/lifeline up} brings up broker, database, mail server and
 * the four services as separate processes; {@code env} points at working endpoints; {@code down} leaves nothing.
 */
class LocalSuiteIT {

    private static final Launcher LAUNCHER = new Launcher();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICE_URLS = List.of("LIFELINE_IDENTITY_URL", "LIFELINE_EMAIL_VERIFICATION_URL",
            "LIFELINE_KYC_URL", "LIFELINE_NOTIFICATION_URL");

    private static Map<String, String> env;

    @BeforeAll
    static void up() {
        Launcher.Result up = LAUNCHER.run(Duration.ofMinutes(5), "up");
        assertThat(up.exitCode()).as("deploy/lifeline up:\n%s", up.output()).isZero();
        env = LAUNCHER.env();
    }

    @AfterAll
    static void downLeavesNoProcessBehind() {
        List<Long> pids = LAUNCHER.recordedPids();
        Launcher.Result down = LAUNCHER.run(Duration.ofMinutes(2), "down");

        assertThat(down.exitCode()).as("deploy/lifeline down:\n%s", down.output()).isZero();
        assertThat(pids).isNotEmpty();
        // A stopped process lingers as a zombie until init reaps it (up to a second here): wait for that, briefly.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pids).allSatisfy(pid ->
                assertThat(isRunning(pid)).as("process %d", pid).isFalse()));
    }

    @Test
    void everyServiceIsReadyWithItsDatabaseAndBroker() throws Exception {
        for (String service : SERVICE_URLS) {
            HttpResponse<String> ready = get(env.get(service) + "/q/health/ready");
            assertThat(ready.statusCode()).as(service).isEqualTo(200);
            JsonNode health = JSON.readTree(ready.body());
            assertThat(health.path("status").asText()).as(service).isEqualTo("UP");
            assertThat(health.path("checks").findValuesAsText("name"))
                    .as(service).contains("Database connections health check", "Kafka connection health check");
        }
    }

    @Test
    void envPointsAtEveryEndpoint() {
        assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "LIFELINE_MAIL_API_URL", "LIFELINE_SMTP_PORT",
                "LIFELINE_IDENTITY_JDBC_URL", "LIFELINE_EMAIL_VERIFICATION_JDBC_URL", "LIFELINE_KYC_JDBC_URL",
                "LIFELINE_NOTIFICATION_JDBC_URL", "LIFELINE_DB_USERNAME", "LIFELINE_DB_PASSWORD");
        assertThat(env).containsKeys(SERVICE_URLS.toArray(String[]::new));
    }

    @Test
    void brokerAndSmtpServerAcceptConnections() throws IOException {
        String[] broker = env.get("KAFKA_BOOTSTRAP_SERVERS").split(":");
        try (Socket kafka = new Socket(); Socket smtp = new Socket()) {
            kafka.connect(new InetSocketAddress(broker[0], Integer.parseInt(broker[1])), 2000);
            smtp.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(env.get("LIFELINE_SMTP_PORT"))), 2000);
            assertThat(kafka.isConnected()).isTrue();
            assertThat(smtp.isConnected()).isTrue();
        }
    }

    @Test
    void mailApiAnswers() throws Exception {
        HttpResponse<String> response = get(env.get("LIFELINE_MAIL_API_URL") + "/api/configuration");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void statusReportsEveryComponentUp() {
        Launcher.Result status = LAUNCHER.run(Duration.ofSeconds(60), "status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("kafka", "postgres", "identity-service", "notification-service");
    }

    @Test
    void tokenIsAJwtCarryingTheRoleAndSubject() throws Exception {
        Launcher.Result token = LAUNCHER.run(Duration.ofSeconds(60), "token", "support-agent", "alice");

        assertThat(token.exitCode()).as(token.output()).isZero();
        String[] parts = token.output().trim().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("support-agent");
    }

    /**
     * 2,000 sequential requests on one keep-alive connection per service, each from an end user behind the gateway
     * (X-Forwarded-For). A single 5 s stall (a DNS look-up where no server answers, as a trusted-proxy entry Quarkus
     * took for a host name once caused) breaks the per-request bound; a slow drift breaks the total.
     */
    @Test
    void noServiceStallsOnAKeepAliveConnection() throws Exception {
        Map<String, String> paths = Map.of(
                "LIFELINE_IDENTITY_URL", "/api/v1/recoveries/" + java.util.UUID.randomUUID(),
                "LIFELINE_EMAIL_VERIFICATION_URL", "/q/health/live",
                "LIFELINE_KYC_URL", "/q/health/live",
                "LIFELINE_NOTIFICATION_URL", "/q/health/live");
        for (String service : SERVICE_URLS) {
            HttpClient connection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create(env.get(service) + paths.get(service));
            long slowest = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                long sent = System.nanoTime();
                HttpResponse<Void> response = connection.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                .header("X-Forwarded-For", "198.51." + (i / 250) + "." + (i % 250)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                slowest = Math.max(slowest, System.nanoTime() - sent);
                assertThat(response.statusCode()).as("%s %s", service, uri).isLessThan(500);
            }
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            assertThat(Duration.ofNanos(slowest)).as("%s: slowest of 2,000 answers", service)
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(total).as("%s: 2,000 answers", service).isLessThan(Duration.ofSeconds(60));
        }
    }

    private static boolean isRunning(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
