package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.testing.Mailbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, end to end: {@code deploy/lifeline up} brings up broker, database, mail server and
 * the four services as separate processes; {@code env} points at working endpoints; {@code down} leaves nothing
 * ({@link Suite#close}, for this suite when the run ends).
 */
@ExtendWith(SharedSuite.class)
@ResourceLock(SharedSuite.LOCK)
class LocalSuiteIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("Your verification code: ([0-9]{6})(?![0-9])");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final String ALERT = "Someone has started to recover your account";
    private static final List<String> SERVICE_URLS = List.of("LIFELINE_IDENTITY_URL", "LIFELINE_EMAIL_VERIFICATION_URL",
            "LIFELINE_KYC_URL", "LIFELINE_NOTIFICATION_URL");

    private static Launcher launcher;
    private static Map<String, String> env;

    @BeforeAll
    static void takeTheSharedSuite(Suite shared) {
        launcher = shared.launcher();
        env = launcher.env();
    }

    @Test
    void upRecordsEveryProcessItStartedForDownToStop() {
        // Down stops exactly these and waits until each is gone: Suite#close asserts it when the run ends.
        assertThat(launcher.recordedPids()).as("the processes up recorded").hasSizeGreaterThanOrEqualTo(7);
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
        Launcher.Result status = launcher.run(Duration.ofSeconds(60), "status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("kafka", "postgres", "identity-service", "notification-service");
    }

    @Test
    void tokenIsAJwtCarryingTheRoleAndSubject() throws Exception {
        Launcher.Result token = launcher.run(Duration.ofSeconds(60), "token", "support-agent", "alice");

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

    /**
     * The email step of the saga across processes: identity's RecoveryRequested reaches email-verification over
     * Kafka, which mails code and link through the suite's SMTP server; the link's page consumes nothing, the code
     * verifies, and EmailVerified comes back over Kafka to identity as satisfied evidence.
     */
    @Test
    void aRecoveryMailsItsCodeThroughTheSuitesSmtpServerAndTheCodeVerifiesTheEmail() throws Exception {
        String identity = env.get("LIFELINE_IDENTITY_URL");
        String emailVerification = env.get("LIFELINE_EMAIL_VERIFICATION_URL");
        String run = UUID.randomUUID().toString();
        String username = "e2e-" + run.substring(0, 8);
        String email = run + "@example.org";
        // The end user behind the gateway (loopback is the suite's trusted proxy): an address no other test uses,
        // 198.19.0.0/16 (the malformed-input sweep on the same suite rotates over TEST-NET-2 and -3).
        String endUser = "198.19." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
        // Only a verified email on file makes EMAIL part of the policy; otherwise no challenge is mailed at all.
        Map<String, Object> account = Map.of("username", username, "email", email, "emailVerified", true,
                "phone", "+86138" + (10_000_000 + RANDOM.nextInt(90_000_000)), "phoneStatus", "SUSPENDED",
                "password", randomPassword(), "locale", "en");

        HttpResponse<String> created = send(post(identity + "/api/v1/accounts", account)
                .header("Authorization", "Bearer " + token("admin", "e2e-admin")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> started = send(post(identity + "/api/v1/recoveries", Map.of("identifier", username))
                .header("X-Forwarded-For", endUser));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String recoveryId = JSON.readTree(started.body()).path("recoveryId").asText();
        String recoveryToken = JSON.readTree(started.body()).path("recoveryToken").asText();

        // Two mails reach the owner: notification-service's alert that a recovery started, and the code.
        List<String> mails = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> plainTextMailsTo(email), all -> all.stream().anyMatch(m -> CODE.matcher(m).find())
                        && all.stream().anyMatch(m -> m.contains(ALERT)));
        String mail = mails.stream().filter(m -> CODE.matcher(m).find()).findFirst().orElseThrow();
        assertThat(mails.stream().filter(m -> m.contains(ALERT)).findFirst().orElseThrow())
                .as("the alert says how to cancel").contains("recovery=" + recoveryId);
        Matcher code = CODE.matcher(mail);
        Matcher link = LINK.matcher(mail);
        assertThat(code.find()).as("a code in the mail:\n%s", mail).isTrue();
        assertThat(link.find()).as("a link in the mail:\n%s", mail).isTrue();
        assertThat(link.group()).startsWith(emailVerification + "/verify?t=");

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(link.group())).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<form", "value=\"" + link.group().substring(link.group().indexOf("?t=") + 3));

        // The page consumed nothing: the challenge behind the link still takes the code.
        HttpResponse<String> confirmed = send(post(emailVerification + "/api/v1/email-verifications/" + recoveryId
                + "/confirm", Map.of("code", code.group(1)))
                .header("Recovery-Token", recoveryToken).header("X-Forwarded-For", endUser));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(JSON.readTree(confirmed.body()).path("recoveryId").asText()).isEqualTo(recoveryId);
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).isEqualTo("VERIFIED");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(identity + "/api/v1/recoveries/"
                    + recoveryId)).header("Recovery-Token", recoveryToken).header("X-Forwarded-For", endUser).GET());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            List<String> satisfied = new ArrayList<>();
            JSON.readTree(status.body()).path("satisfiedEvidence").forEach(evidence -> satisfied.add(evidence.asText()));
            assertThat(satisfied).as(status.body()).contains("EMAIL");
        });
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The decoded text parts of the mails the suite's GreenMail holds for the address, oldest first. */
    private static List<String> plainTextMailsTo(String address) {
        return Mailbox.of(env.get("LIFELINE_MAIL_API_URL"), address).stream().map(Mailbox.Mail::text).toList();
    }

    private static String token(String role, String subject) {
        Launcher.Result token = launcher.run(Duration.ofSeconds(60), "token", role, subject);
        assertThat(token.exitCode()).as(token.output()).isZero();
        return token.output().trim();
    }

    /** 20 characters from a CSPRNG: far from any blocklist or strength estimator's reach. */
    private static String randomPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpRequest.Builder post(String url, Map<String, ?> body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
