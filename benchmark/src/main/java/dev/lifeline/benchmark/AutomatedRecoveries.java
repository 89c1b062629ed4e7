package dev.lifeline.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.deploy.Demo;
import dev.lifeline.testing.Mailbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recoveries the way an automated gateway drives them, as fast as the saga lets it: start, read the code from the
 * suite's mail server, confirm it, submit the identity evidence once the check is open, wait for READY, set the new
 * password. {@code concurrency} recoveries run at once, each on its own thread, each account once.
 */
final class AutomatedRecoveries {

    /** The saga's hops, each the time from what a service reacts to until what it produced could be seen. */
    static final List<String> HOPS = List.of(
            "identity-service: start's transaction → RecoveryRequested arrives",
            "notification-service: RecoveryRequested arrives → first NotificationSent arrives",
            "email-verification-service: confirm sent → EmailVerified arrives",
            "kyc-service: evidence sent → IdentityConfirmed arrives (2 PBKDF2 inside)",
            "identity-service: IdentityConfirmed arrives → RecoveryApproved arrives",
            "identity-service: new password sent → PasswordReset arrives (1 Argon2id inside)");

    /** The hops from an event to an event (or the start's commit): the ones the ≤ 3 × Kafka round trip target is for. */
    static final List<String> EVENT_HOPS = List.of(HOPS.get(0), HOPS.get(1), HOPS.get(4));

    /** When the client sent what each HTTP hop starts with. */
    private record Trace(String recoveryId, Instant confirmSent, Instant evidenceSent, Instant resetSent) {
    }

    /** What {@code concurrency} recoveries at once measured. */
    record Result(int concurrency, int recoveries, int completed, List<String> failures, Duration wall,
                  Latencies endToEnd, Latencies client, Map<String, Latencies> hops, long busyAnswers,
                  Map<String, Double> cpuMillisPerRecovery) {

        double perSecond() {
            return completed / (wall.toNanos() / 1e9);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong ADDRESSES = new AtomicLong(1_000_000_000L);
    private static final int MAX_BUSY_RETRIES = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String identityUrl;
    private final String emailVerificationUrl;
    private final String kycUrl;
    private final String mailApiUrl;
    private final EventArrivals arrivals;
    private final Connection identityDb;
    private final Stack stack;
    private final LongAdder busyAnswers = new LongAdder();

    AutomatedRecoveries(Stack stack, EventArrivals arrivals, Connection identityDb) {
        this.identityUrl = stack.env("LIFELINE_IDENTITY_URL");
        this.emailVerificationUrl = stack.env("LIFELINE_EMAIL_VERIFICATION_URL");
        this.kycUrl = stack.env("LIFELINE_KYC_URL");
        this.mailApiUrl = stack.env("LIFELINE_MAIL_API_URL");
        this.arrivals = arrivals;
        this.identityDb = identityDb;
        this.stack = stack;
    }

    /** Recovers each of {@code owners}, {@code concurrency} at a time. */
    Result run(int concurrency, List<Demo.Account> owners) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        busyAnswers.reset();
        Map<String, Double> cpuBefore = CpuTime.now(stack.processes());
        List<Future<Trace>> recoveries = new ArrayList<>();
        Latencies client = new Latencies();
        long start = System.nanoTime();
        for (Demo.Account owner : owners) {
            recoveries.add(pool.submit(() -> recover(owner, client)));
        }
        List<Trace> traces = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Future<Trace> recovery : recoveries) {
            try {
                traces.add(recovery.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause().getMessage()));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        Thread.sleep(2_000); // the last events (PasswordReset, NotificationSent) reach our consumer
        Map<String, Double> cpuPerRecovery = CpuTime.perUnit(cpuBefore, CpuTime.now(stack.processes()), owners.size());
        Latencies endToEnd = new Latencies();
        Map<String, Latencies> hops = new LinkedHashMap<>();
        HOPS.forEach(hop -> hops.put(hop, new Latencies()));
        for (Trace trace : traces) {
            String id = trace.recoveryId();
            Optional<Instant> requested = arrivals.arrival(id, "RecoveryRequested");
            if (requested.isEmpty()) {
                continue;
            }
            arrivals.arrival(id, "PasswordReset").ifPresent(reset -> endToEnd.recordNanos(between(requested.get(), reset)));
            timestamp(identityDb, "SELECT created_at FROM recovery WHERE id = ?", id)
                    .ifPresent(created -> hops.get(HOPS.get(0)).recordNanos(between(created, requested.get())));
            arrivals.arrival(id, "NotificationSent")
                    .ifPresent(sent -> hops.get(HOPS.get(1)).recordNanos(between(requested.get(), sent)));
            arrivals.arrival(id, "EmailVerified")
                    .ifPresent(verified -> hops.get(HOPS.get(2)).recordNanos(between(trace.confirmSent(), verified)));
            arrivals.arrival(id, "IdentityConfirmed")
                    .ifPresent(confirmed -> hops.get(HOPS.get(3)).recordNanos(between(trace.evidenceSent(), confirmed)));
            arrivals.arrival(id, "IdentityConfirmed").ifPresent(confirmed -> arrivals.arrival(id, "RecoveryApproved")
                    .ifPresent(approved -> hops.get(HOPS.get(4)).recordNanos(between(confirmed, approved))));
            arrivals.arrival(id, "PasswordReset")
                    .ifPresent(reset -> hops.get(HOPS.get(5)).recordNanos(between(trace.resetSent(), reset)));
        }
        return new Result(concurrency, owners.size(), traces.size(), failures, wall, endToEnd, client, hops,
                busyAnswers.sum(), cpuPerRecovery);
    }

    private static long between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    private static Optional<Instant> timestamp(Connection db, String sql, String recoveryId) throws SQLException {
        synchronized (db) {
            try (PreparedStatement query = db.prepareStatement(sql)) {
                query.setObject(1, UUID.fromString(recoveryId));
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Timestamp at = row.getTimestamp(1);
                    return Optional.ofNullable(at).map(Timestamp::toInstant);
                }
            }
        }
    }

    /** One recovery, start to new password. */
    private Trace recover(Demo.Account owner, Latencies client) throws Exception {
        long start = System.nanoTime();
        JsonNode started = JSON.readTree(send("POST", identityUrl + "/api/v1/recoveries", null,
                "{\"identifier\": \"" + owner.username() + "\"}", 202));
        String id = started.path("recoveryId").asText();
        String token = started.path("recoveryToken").asText();
        String code = await("the code mail", () -> Mailbox.of(mailApiUrl, owner.email()).stream()
                .filter(mail -> mail.text().contains("verification code")).findFirst().map(Mailbox.Mail::code));
        Instant confirmSent = Instant.now();
        send("POST", emailVerificationUrl + "/api/v1/email-verifications/" + id + "/confirm", token,
                "{\"code\": \"" + code + "\"}", 200);
        await("the identity check", () -> answer("GET", kycUrl + "/api/v1/identity-checks/" + id, token, null)
                .filter(response -> response.statusCode() == 200));
        Instant evidenceSent = Instant.now();
        send("POST", kycUrl + "/api/v1/identity-checks/" + id + "/evidence", token, Demo.evidenceJson(), 200);
        await("READY", () -> answer("GET", identityUrl + "/api/v1/recoveries/" + id, token, null)
                .filter(response -> response.body().contains("\"status\":\"READY\"")));
        Instant resetSent = Instant.now();
        send("POST", identityUrl + "/api/v1/recoveries/" + id + "/password", token,
                "{\"newPassword\": \"" + Demo.NEW_PASSWORD + "\"}", 200);
        client.recordNanos(System.nanoTime() - start);
        return new Trace(id, confirmSent, evidenceSent, resetSent);
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.look();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("no " + what + " within " + STEP_TIMEOUT.toSeconds() + " s");
    }

    /** Sends, and as a gateway would, again after {@code Retry-After} while the service answers 503 (busy). */
    private String send(String method, String url, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = answer(method, url, token, json).orElseThrow();
        for (int retry = 0; response.statusCode() == 503 && retry < MAX_BUSY_RETRIES; retry++) {
            busyAnswers.increment();
            Thread.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(1));
            response = answer(method, url, token, json).orElseThrow();
        }
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 204)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private Optional<HttpResponse<String>> answer(String method, String url, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", StartMix.clientAddress(ADDRESSES.incrementAndGet()))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Recovery-Token", token);
        }
        return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
}
