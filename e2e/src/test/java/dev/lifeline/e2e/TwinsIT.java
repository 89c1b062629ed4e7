package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twins (issue 22): a real recovery and a decoy driven by the same script give one transcript — status, body (ids,
 * tokens and times normalised; question texts reduced to their language), and header names — at every public
 * endpoint of the recovery, in every phase: fresh, after exhaustion, after rejection, after expiry and after the
 * decoy's retention. Each scenario starts one real recovery (a fresh account with a KYC profile) and one decoy (an
 * identifier nobody has), each from its own address, and compares every answer of the one with the other's.
 * <p>
 * Timing is not compared here: on a shared 2-core machine a cross-process timing bucket would be noise; each service
 * holds its answers to floors, and its own tests compare the two paths' times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwinsIT {

    /** Short, so that expiry and retention happen within the test (production: 24 h and a day). */
    private static final Duration TTL = Duration.ofSeconds(75);
    private static final Duration DECOY_KEPT = Duration.ofSeconds(5);

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,}");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    /** Headers that differ by nature between any two answers, not between a real recovery and a decoy. */
    private static final Set<String> VARYING_HEADERS = Set.of("content-length", "date");
    /**
     * The public operations (no role in their OpenAPI document) that a twin cannot be asked about, and why; every
     * other public operation must be compared by the script, so a new one joins it or fails
     * {@link #everyPublicOperationIsComparedForARealRecoveryAndADecoy}.
     */
    private static final Map<String, String> NOT_ABOUT_A_RECOVERY = Map.of(
            "identity POST /api/v1/authentications", "the login check names an account, not a recovery; its refusals"
                    + " are held to one floor for known and unknown identifiers (AuthenticationResourceTest)",
            "email-verification GET /verify", "opened by the mailed link's token: a decoy mails nothing, so no stranger"
                    + " holds a decoy's link",
            "email-verification POST /verify", "the link page's confirm, as GET /verify",
            "notification GET /.well-known/ssf-configuration", "the issuer's metadata, the same for everyone",
            "notification GET /.well-known/jwks.json", "the issuer's public keys, the same for everyone");
    /** The operations the script compared: "service METHOD /path" with every id as {id}. */
    private static final Set<String> COMPARED = ConcurrentHashMap.newKeySet();

    private static Suite suite;
    private static IdentityApi identity;
    private static KycApi kyc;
    private static String identityUrl;
    private static String emailUrl;
    private static String kycUrl;

    @BeforeAll
    static void up() {
        suite = Suite.up(TwinsIT.class, Map.of(
                "LIFELINE_RECOVERY_TTL", TTL.toString(),
                "LIFELINE_RETENTION_KEPT_AFTER_EXPIRY", DECOY_KEPT.toString(),
                "LIFELINE_RETENTION_PRUNE_INTERVAL", "1s"));
        identity = suite.identity();
        kyc = suite.kyc();
        identityUrl = suite.url("LIFELINE_IDENTITY_URL");
        emailUrl = suite.url("LIFELINE_EMAIL_VERIFICATION_URL");
        kycUrl = suite.url("LIFELINE_KYC_URL");
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
    }

    /** One real recovery and one decoy, each with the identifier and address its starter used. */
    private record Twins(StartedRecovery real, StartedRecovery decoy, Instant expiresAt) {

        /** Runs the same request for both and asserts one transcript. */
        void same(String step, Function<StartedRecovery, Http.Answer> request) {
            assertSame(step, compared(() -> request.apply(real)), compared(() -> request.apply(decoy)));
        }
    }

    private static Twins twins() {
        Owner owner = Owner.random();
        kyc.putProfile(identity.createAccount(owner, false), owner);
        Owner nobody = Owner.random(); // never registered: its start is a decoy
        Http.Answer realStart = compared(() -> start(owner));
        Http.Answer decoyStart = compared(() -> start(nobody));
        assertSame("start", realStart, decoyStart);
        return new Twins(recovery(realStart, owner), recovery(decoyStart, nobody),
                Instant.parse(realStart.json().path("expiresAt").asText()));
    }

    @Test
    void theRecoveryAndItsRefusalsReadTheSameForARealRecoveryAndADecoy() {
        Twins twins = twins();

        twins.same("status", recovery -> Http.get(recoveryUrl(recovery), recovery.headers()));
        twins.same("status in Chinese", recovery -> Http.get(recoveryUrl(recovery), inChinese(recovery)));
        twins.same("status with a wrong token", recovery -> Http.get(recoveryUrl(recovery),
                Map.of("Recovery-Token", "x".repeat(43), "X-Forwarded-For", recovery.owner().address())));
        twins.same("reset before approval", recovery -> Http.post(recoveryUrl(recovery) + "/password",
                Map.of("newPassword", Owner.randomPassword()), recovery.headers()));
        twins.same("phone before the reset", recovery -> Http.post(recoveryUrl(recovery) + "/phone",
                Map.of("phone", "+8613912345678"), recovery.headers()));
        twins.same("phone code before the reset", recovery -> Http.post(recoveryUrl(recovery) + "/phone/confirm",
                Map.of("code", "123456"), recovery.headers()));
        for (int i = 0; i < 2; i++) {
            twins.same("wrong recovery code " + i, recovery -> Http.post(recoveryUrl(recovery) + "/recovery-code",
                    Map.of("code", "7K3M-9QXD-2HVA-R8TN-4FPW-JC6E"), recovery.headers()));
        }
        twins.same("owner's cancel with a wrong password", recovery -> Http.post(recoveryUrl(recovery) + "/cancel",
                Map.of("identifier", recovery.owner().username(), "password", "not-the-password"),
                Map.of("X-Forwarded-For", recovery.owner().address())));
    }

    @Test
    void emailCodesUpToExhaustionAndAfterReadTheSameForARealRecoveryAndADecoy() {
        Twins twins = twins();
        awaitOpenChallenges(twins);

        twins.same("resend", recovery -> Http.post(emailUrl(recovery) + "/resend", Map.of(), recovery.headers()));
        for (int i = 1; i <= 3; i++) {
            String code = String.format("%06d", i);
            twins.same("wrong code " + i, recovery -> confirm(recovery, code));
        }
        // The 4th and 5th wrong codes at once: the 5th closes the challenge, whichever lands last.
        twins.same("4th and 5th wrong codes at once", recovery -> atOnce(List.of(
                () -> confirm(recovery, "000004"), () -> confirm(recovery, "000005"))));
        twins.same("a code after exhaustion", recovery -> confirm(recovery, "000006"));
        twins.same("resend after exhaustion", recovery -> Http.post(emailUrl(recovery) + "/resend", Map.of(),
                recovery.headers()));

        identity.awaitStatus(twins.real(), "REJECTED");
        identity.awaitStatus(twins.decoy(), "REJECTED");
        twins.same("status after rejection", recovery -> Http.get(recoveryUrl(recovery), recovery.headers()));
        await("both identity checks closed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> kyc.check(twins.real()).status() == 404 && kyc.check(twins.decoy()).status() == 404);
        twins.same("identity check after rejection", recovery -> Http.get(checkUrl(recovery), recovery.headers()));
    }

    @Test
    void identityChecksAskAndRefuseTheSameForARealRecoveryAndADecoy() {
        Twins twins = twins();
        kyc.awaitOpenCheck(twins.real());
        kyc.awaitOpenCheck(twins.decoy());

        twins.same("check", recovery -> Http.get(checkUrl(recovery), inEnglish(recovery)));
        twins.same("check in Chinese", recovery -> Http.get(checkUrl(recovery), inChinese(recovery)));
        twins.same("more answers than questions", recovery -> evidence(recovery, 5));
        twins.same("fewer answers than questions", recovery -> evidence(recovery, 1));
        twins.same("the last attempt", recovery -> evidence(recovery, 2));
        twins.same("check after rejection", recovery -> Http.get(checkUrl(recovery), recovery.headers()));
        twins.same("evidence after rejection", recovery -> evidence(recovery, 2));
    }

    @Test
    void expiryAndRetentionReadTheSameForARealRecoveryAndADecoy() {
        Twins twins = twins();
        awaitOpenChallenges(twins);
        await("the recoveries' deadline").atMost(TTL.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Instant.now().isAfter(twins.expiresAt().plusSeconds(2)));
        identity.awaitStatus(twins.real(), "EXPIRED");

        twins.same("status after expiry", recovery -> Http.get(recoveryUrl(recovery), recovery.headers()));
        twins.same("code after expiry", recovery -> confirm(recovery, "123456"));
        twins.same("resend after expiry", recovery -> Http.post(emailUrl(recovery) + "/resend", Map.of(),
                recovery.headers()));
        twins.same("identity check after expiry", recovery -> Http.get(checkUrl(recovery), recovery.headers()));

        await("the decoy's retention").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(recoveryUrl(twins.decoy()), twins.decoy().headers()).status() == 404);
        // One retention for both (issue 22): each participant deletes the real recovery's rows and the decoy's on the
        // same horizon; both then answer as a recovery nobody ever started, within a few sweeps of each other.
        String neverStarted = java.util.UUID.randomUUID().toString();
        for (StartedRecovery twin : List.of(twins.real(), twins.decoy())) {
            await("the participants' retention of " + twin.id()).atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> shape(asBystander(twin, twin.id())).equals(shape(asBystander(twin, neverStarted))));
        }
        twins.same("status after the decoy's retention", recovery -> Http.get(recoveryUrl(recovery),
                recovery.headers()));
        twins.same("code after the decoy's retention", recovery -> confirm(recovery, "123456"));
        twins.same("resend after the decoy's retention", recovery -> Http.post(emailUrl(recovery) + "/resend",
                Map.of(), recovery.headers()));
        twins.same("identity check after the decoy's retention", recovery -> Http.get(checkUrl(recovery),
                recovery.headers()));
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the script: it judges what the others compared
    void everyPublicOperationIsComparedForARealRecoveryAndADecoy() {
        Map<String, String> services = Map.of("identity", identityUrl, "email-verification", emailUrl,
                "kyc", kycUrl, "notification", suite.url("LIFELINE_NOTIFICATION_URL"));
        List<String> publicOperations = new ArrayList<>();
        List<String> uncompared = new ArrayList<>();
        services.forEach((service, url) -> {
            JsonNode document = Http.get(url + "/q/openapi?format=json", Map.of()).expect(200, "OpenAPI").json();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String operation = service + " " + op.getKey().toUpperCase(Locale.ROOT) + " "
                        + PATH_PARAMETER.matcher(path.getKey()).replaceAll("{id}");
                if (!op.getValue().path("security").isEmpty()) {
                    return; // needs a role: support, admin or the gateway, never a stranger
                }
                publicOperations.add(operation);
                if (!COMPARED.contains(operation) && !NOT_ABOUT_A_RECOVERY.containsKey(operation)) {
                    uncompared.add(operation);
                }
            }));
        });

        assertThat(publicOperations).as("the documents were read").contains("identity POST /api/v1/recoveries",
                "identity POST /api/v1/recoveries/{id}/phone/confirm", "kyc POST /api/v1/identity-checks/{id}/evidence",
                "email-verification POST /api/v1/email-verifications/{id}/resend");
        assertThat(uncompared).as("public operations the twins script never compared (compared: %s)", COMPARED)
                .isEmpty();
    }

    /** Sends {@code request}, noting which operations it called for the coverage check. */
    private static Http.Answer compared(Supplier<Http.Answer> request) {
        Http.recordInto(sent -> COMPARED.add(operationOf(sent)));
        try {
            return request.get();
        } finally {
            Http.recordInto(null);
        }
    }

    /** "POST http://127.0.0.1:8081/api/v1/recoveries/<uuid>/phone" as "identity POST /api/v1/recoveries/{id}/phone". */
    private static String operationOf(String sent) {
        String method = sent.substring(0, sent.indexOf(' '));
        URI uri = URI.create(sent.substring(method.length() + 1));
        String at = uri.getRawAuthority();
        String service = at.equals(authorityOf(identityUrl)) ? "identity"
                : at.equals(authorityOf(emailUrl)) ? "email-verification"
                : at.equals(authorityOf(kycUrl)) ? "kyc" : at;
        return service + " " + method + " " + UUID.matcher(uri.getPath()).replaceAll("{id}");
    }

    private static String authorityOf(String url) {
        return URI.create(url).getRawAuthority();
    }

    // ---- the script's steps ----

    private static Http.Answer start(Owner owner) {
        return Http.post(identityUrl + "/api/v1/recoveries", Map.of("identifier", owner.username()),
                Map.of("X-Forwarded-For", owner.address()));
    }

    private static StartedRecovery recovery(Http.Answer started, Owner owner) {
        return new StartedRecovery(started.json().path("recoveryId").asText(),
                started.json().path("recoveryToken").asText(), owner);
    }

    /** Email challenges open when email-verification-service hears of the start; a resend before that is a 404. */
    private static void awaitOpenChallenges(Twins twins) {
        suite.emailVerification().awaitCode(twins.real().owner(), 1);
        kyc.awaitOpenCheck(twins.decoy()); // the decoy's start went through the same topic and consumers
    }

    /**
     * A wrong email code and the identity check for recovery {@code id} with the twin's token, from an address of
     * its own (so that waiting spends none of the twin's own rate limits), as one answer.
     */
    private static Http.Answer asBystander(StartedRecovery twin, String id) {
        Map<String, String> headers = Map.of("Recovery-Token", twin.token(), "X-Forwarded-For", "198.51.100.77");
        Http.Answer code = Http.post(emailUrl + "/api/v1/email-verifications/" + id + "/confirm",
                Map.of("code", "123456"), headers);
        Http.Answer check = Http.get(kycUrl + "/api/v1/identity-checks/" + id, headers);
        return new Http.Answer(0, shape(code) + "\n" + shape(check));
    }

    private static Http.Answer confirm(StartedRecovery recovery, String code) {
        return Http.post(emailUrl(recovery) + "/confirm", Map.of("code", code), recovery.headers());
    }

    /** Wrong facts with {@code answers} answers, whatever the number of questions shown. */
    private static Http.Answer evidence(StartedRecovery recovery, int answers) {
        Map<String, Object> facts = new HashMap<>(KycApi.wrongEvidence(recovery.owner()));
        facts.put("answers", IntStream.range(0, answers).mapToObj(i -> "not the answer " + i).toList());
        return Http.post(checkUrl(recovery) + "/evidence", facts, recovery.headers());
    }

    private static String recoveryUrl(StartedRecovery recovery) {
        return identityUrl + "/api/v1/recoveries/" + recovery.id();
    }

    private static String emailUrl(StartedRecovery recovery) {
        return emailUrl + "/api/v1/email-verifications/" + recovery.id();
    }

    private static String checkUrl(StartedRecovery recovery) {
        return kycUrl + "/api/v1/identity-checks/" + recovery.id();
    }

    private static Map<String, String> inChinese(StartedRecovery recovery) {
        return withLanguage(recovery, "zh-CN,zh;q=0.9");
    }

    private static Map<String, String> inEnglish(StartedRecovery recovery) {
        return withLanguage(recovery, "en");
    }

    private static Map<String, String> withLanguage(StartedRecovery recovery, String language) {
        Map<String, String> headers = new HashMap<>(recovery.headers());
        headers.put("Accept-Language", language);
        return headers;
    }

    /** The answers of requests sent at once, as one answer: statuses and bodies in a stable order. */
    private static Http.Answer atOnce(List<Supplier<Http.Answer>> requests) {
        List<CompletableFuture<Http.Answer>> sent = requests.stream()
                .map(CompletableFuture::supplyAsync).toList();
        List<String> shapes = new ArrayList<>(sent.stream().map(CompletableFuture::join).map(TwinsIT::shape).toList());
        shapes.sort(null);
        return new Http.Answer(0, String.join("\n", shapes));
    }

    // ---- one transcript ----

    private static void assertSame(String step, Http.Answer real, Http.Answer decoy) {
        assertThat(shape(decoy)).as("%s: a decoy's answer next to a real recovery's", step).isEqualTo(shape(real));
    }

    /** What a client can compare: status, normalised body, header names. */
    static String shape(Http.Answer answer) {
        List<String> headers = answer.headerNames().stream().filter(name -> !VARYING_HEADERS.contains(name)).toList();
        return answer.status() + " " + normalised(answer.body()) + " " + headers;
    }

    private static String normalised(String body) {
        String text = body;
        try {
            JsonNode json = Http.JSON.readTree(body);
            if (json != null && json.isObject()) {
                reduceQuestions((ObjectNode) json);
                text = json.toString();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // compared as text
        }
        text = UUID.matcher(text).replaceAll("<id>");
        text = INSTANT.matcher(text).replaceAll("<time>");
        return TOKEN.matcher(text).replaceAll("<token>");
    }

    /** Questions differ by draw, not by kind: each is reduced to its language, so counts and languages compare. */
    private static void reduceQuestions(ObjectNode json) {
        if (json.path("questions").isArray()) {
            ArrayNode reduced = Http.JSON.createArrayNode();
            json.path("questions").forEach(question -> reduced.add(new TextNode(
                    CJK.matcher(question.isTextual() ? question.asText() : question.toString()).find()
                            ? "<question in Chinese>" : "<question in English>")));
            json.set("questions", reduced);
        }
    }
}
