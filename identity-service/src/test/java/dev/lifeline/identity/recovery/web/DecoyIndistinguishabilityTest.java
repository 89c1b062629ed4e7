package dev.lifeline.identity.recovery.web;

import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.ParticipantEvents;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import io.restassured.http.Header;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import static dev.lifeline.identity.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An attacker's look at a decoy (docs/architecture.md, "Decoys"): every request an anonymous client can make after a start
 * gets, field by field, the same answer for an unknown identifier as for a real account of each kind — status,
 * headers and body, once ids, tokens and timestamps (which differ between any two recoveries) are masked. That holds
 * after the email challenge or the identity check is exhausted too: the real recovery is rejected by
 * EmailVerificationFailed or IdentityRejected, the decoy by DecoyEmailVerificationFailed or DecoyIdentityRejected,
 * and both must then answer as REJECTED alike.
 */
@IdentityTest
class DecoyIndistinguishabilityTest {

    /** The kinds of real account whose recoveries differ inside identity-service. */
    enum RealAccount {
        VERIFIED_EMAIL(true, false),
        NO_VERIFIED_EMAIL(false, false),
        MFA_ENROLLED(true, true);

        final boolean emailVerified;
        final boolean mfaEnrolled;

        RealAccount(boolean emailVerified, boolean mfaEnrolled) {
            this.emailVerified = emailVerified;
            this.mfaEnrolled = mfaEnrolled;
        }
    }

    /** Headers that differ between any two answers, whatever the recovery. */
    private static final Set<String> VARYING_HEADERS = Set.of("date", "content-length");

    @Inject
    TestAccounts accounts;

    @ParameterizedTest
    @EnumSource(RealAccount.class)
    void everyFollowUpAnswerOfADecoyMatchesARealRecoverys(RealAccount kind) {
        Owner owner = accounts.create(kind.emailVerified, kind.mfaEnrolled);

        List<String> real = transcript(owner.username());
        List<String> decoy = transcript(Api.uniqueName("nobody"));

        assertThat(decoy).containsExactlyElementsOf(real);
    }

    @ParameterizedTest
    @EnumSource(RealAccount.class)
    void afterFiveWrongEmailCodesEveryAnswerOfADecoyMatchesARejectedRealRecoverys(RealAccount kind) {
        Owner owner = accounts.create(kind.emailVerified, kind.mfaEnrolled);

        Response real = RecoveryStartTest.start(owner.username());
        UUID realId = UUID.fromString(real.path("recoveryId"));
        ParticipantEvents.send(new EmailVerificationFailed(UUID.randomUUID(), realId, owner.id(), Instant.now(),
                EmailVerificationFailure.TOO_MANY_ATTEMPTS));
        String nobody = Api.uniqueName("nobody");
        Response decoy = RecoveryStartTest.start(nobody);
        UUID decoyId = UUID.fromString(decoy.path("recoveryId"));
        ParticipantEvents.send(new DecoyEmailVerificationFailed(UUID.randomUUID(), decoyId, Instant.now(),
                EmailVerificationFailure.TOO_MANY_ATTEMPTS));
        awaitRejected(realId, real.path("recoveryToken"));
        awaitRejected(decoyId, decoy.path("recoveryToken"));

        assertThat(followUps(nobody, decoyId, decoy.path("recoveryToken")))
                .containsExactlyElementsOf(followUps(owner.username(), realId, real.path("recoveryToken")));
    }

    @ParameterizedTest
    @EnumSource(RealAccount.class)
    void afterThreeWrongIdentitySubmissionsEveryAnswerOfADecoyMatchesARejectedRealRecoverys(RealAccount kind) {
        Owner owner = accounts.create(kind.emailVerified, kind.mfaEnrolled);

        Response real = RecoveryStartTest.start(owner.username());
        UUID realId = UUID.fromString(real.path("recoveryId"));
        ParticipantEvents.send(new IdentityRejected(UUID.randomUUID(), realId, owner.id(), Instant.now(),
                IdentityCheckMethod.AUTOMATED, "attempts exhausted"));
        String nobody = Api.uniqueName("nobody");
        Response decoy = RecoveryStartTest.start(nobody);
        UUID decoyId = UUID.fromString(decoy.path("recoveryId"));
        ParticipantEvents.send(new DecoyIdentityRejected(UUID.randomUUID(), decoyId, Instant.now(),
                IdentityCheckMethod.AUTOMATED, "attempts exhausted"));
        awaitRejected(realId, real.path("recoveryToken"));
        awaitRejected(decoyId, decoy.path("recoveryToken"));

        assertThat(followUps(nobody, decoyId, decoy.path("recoveryToken")))
                .containsExactlyElementsOf(followUps(owner.username(), realId, real.path("recoveryToken")));
    }

    private static void awaitRejected(UUID id, String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(anonymous()
                .header("Recovery-Token", token).get("/api/v1/recoveries/" + id).path("status")));
    }

    /** Everything an anonymous client can ask after starting a recovery for {@code identifier}. */
    private static List<String> transcript(String identifier) {
        List<String> answers = new ArrayList<>();
        Response start = RecoveryStartTest.start(identifier);
        UUID id = UUID.fromString(start.path("recoveryId"));
        String token = start.path("recoveryToken");

        answers.add(answer("start", start));
        answers.addAll(followUps(identifier, id, token));
        // A second start for the same identifier must not change the first (superseding once showed CANCELLED).
        answers.add(answer("second start", RecoveryStartTest.start(identifier)));
        answers.add(answer("status after a second start", anonymous().header("Recovery-Token", token)
                .get("/api/v1/recoveries/" + id)));
        return answers;
    }

    /** What the holder of recovery {@code id}'s token, or someone naming {@code identifier}, can ask of it. */
    private static List<String> followUps(String identifier, UUID id, String token) {
        List<String> answers = new ArrayList<>();
        String base = "/api/v1/recoveries/" + id;
        Function<String, io.restassured.specification.RequestSpecification> holder =
                t -> anonymous().header("Recovery-Token", t);

        answers.add(answer("status", holder.apply(token).get(base)));
        answers.add(answer("status with a wrong token", holder.apply(token + "x").get(base)));
        answers.add(answer("reset", holder.apply(token).body(Map.of("newPassword", TestAccounts.strongPassword()))
                .post(base + "/password")));
        answers.add(answer("reset with a weak password", holder.apply(token).body(Map.of("newPassword", "qwerty123"))
                .post(base + "/password")));
        answers.add(answer("phone change", holder.apply(token).body(Map.of("phone", "+8613912345678"))
                .post(base + "/phone")));
        answers.add(answer("phone code", holder.apply(token).body(Map.of("code", "123456"))
                .post(base + "/phone/confirm")));
        answers.add(answer("guessed recovery code", holder.apply(token)
                .body(Map.of("code", "7K3M-9QXD-2HVA-R8TN-4FPW-JC6E")).post(base + "/recovery-code")));
        answers.add(answer("malformed recovery code", holder.apply(token).body(Map.of("code", "not-a-code"))
                .post(base + "/recovery-code")));
        answers.add(answer("owner's cancel with a guessed password", anonymous()
                .body(Map.of("identifier", identifier, "password", "guessed-" + UUID.randomUUID()))
                .post(base + "/cancel")));
        return answers;
    }

    private static String answer(String step, Response response) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : response.headers()) {
            String name = header.getName().toLowerCase(java.util.Locale.ROOT);
            if (!VARYING_HEADERS.contains(name)) {
                headers.merge(name, masked(header.getValue()), (a, b) -> a + ", " + b);
            }
        }
        return step + ": " + response.statusCode() + " " + headers + " " + masked(response.asString());
    }

    private static String masked(String text) {
        return text
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>")
                .replaceAll("\"recoveryToken\":\"[A-Za-z0-9_-]+\"", "\"recoveryToken\":\"<token>\"");
    }
}
