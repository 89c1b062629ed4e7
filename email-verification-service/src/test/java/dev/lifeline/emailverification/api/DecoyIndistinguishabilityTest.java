package dev.lifeline.emailverification.api;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EventType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.newClient;
import static dev.lifeline.emailverification.testing.Api.problemOf;
import static dev.lifeline.emailverification.testing.Api.resend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A decoy (an unknown identifier's recovery) and a recovery without an email address get silent challenges; every
 * answer they get must equal a real recovery's: status, headers that matter, body (but for the path in
 * {@code instance}), and timing within the same floor.
 */
@EmailVerificationTest
class DecoyIndistinguishabilityTest {

    private static final String GUESS = "000000";

    @Test
    void everyAnswerOfADecoyAndOfANoEmailRecoveryEqualsARealOnes() {
        TestRecovery real = Recoveries.withEmail();
        Mailbox.awaitFirstMail(real.email());
        TestRecovery decoy = Recoveries.decoy();
        TestRecovery noEmail = Recoveries.withoutEmail();
        StoredChallenges.awaitOpened(decoy.recoveryId());
        StoredChallenges.awaitOpened(noEmail.recoveryId());

        List<Map<String, Object>> realAnswers = walk(real);

        assertThat(walk(decoy)).isEqualTo(realAnswers);
        assertThat(walk(noEmail)).isEqualTo(realAnswers);
    }

    @Test
    void aDecoysIdentityCheckExhaustionClosesItsChallengeAsRecoveryRejectedClosesARealOne() {
        TestRecovery decoy = Recoveries.decoy();
        StoredChallenges.awaitOpened(decoy.recoveryId());

        Recoveries.publish(new DecoyIdentityRejected(UUID.randomUUID(), decoy.recoveryId(), Instant.now(),
                IdentityCheckMethod.AUTOMATED, "attempts exhausted"));

        StoredChallenges.awaitState(decoy.recoveryId(), EmailChallenge.State.CLOSED);
        resend(decoy).then().statusCode(400);
    }

    @Test
    void anExhaustedDecoyIsAnnouncedSoThatIdentityServiceCanRejectItLikeARealRecovery() {
        TestRecovery decoy = Recoveries.decoy();
        StoredChallenges.awaitOpened(decoy.recoveryId());

        IntStream.range(0, 5).forEach(i -> confirm(decoy, GUESS));

        DecoyEmailVerificationFailed failed = (DecoyEmailVerificationFailed) PublishedEvents.awaitOne(decoy.recoveryId(),
                EventType.DECOY_EMAIL_VERIFICATION_FAILED);
        assertThat(failed.reason()).isEqualTo(EmailVerificationFailure.TOO_MANY_ATTEMPTS);
        assertThat(PublishedEvents.decidedTypes(decoy.recoveryId())).containsExactly(
                EventType.DECOY_EMAIL_VERIFICATION_FAILED.ceType());
    }

    @Test
    void answersOfRealAndSilentChallengesTakeTheSameTimeWithinTheFloor() {
        TestRecovery real = Recoveries.withEmail();
        Mailbox.awaitFirstMail(real.email());
        TestRecovery decoy = Recoveries.decoy();
        StoredChallenges.awaitOpened(decoy.recoveryId());

        List<Long> realMillis = new ArrayList<>();
        List<Long> decoyMillis = new ArrayList<>();
        for (int round = 0; round < 4; round++) { // four wrong codes each: the fifth would exhaust them
            String guess = "00000" + round;
            realMillis.add(timed(() -> confirm(real.recoveryId(), real.token(), guess, newClient())));
            decoyMillis.add(timed(() -> confirm(decoy.recoveryId(), decoy.token(), guess, newClient())));
        }

        // Both wait for the floor (100 ms in the tests); what is left between them is noise, not work.
        assertThat(realMillis).allMatch(millis -> millis >= 100);
        assertThat(decoyMillis).allMatch(millis -> millis >= 100);
        assertThat(Math.abs(median(realMillis) - median(decoyMillis))).isLessThan(40);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return (sorted.get(sorted.size() / 2) + sorted.get((sorted.size() - 1) / 2)) / 2;
    }

    /** The same steps for each: a resend once the cool-down allows, one within it, wrong codes to exhaustion. */
    private static List<Map<String, Object>> walk(TestRecovery recovery) {
        List<Map<String, Object>> answers = new ArrayList<>();
        Response accepted = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> resend(recovery), response -> response.statusCode() == 202);
        answers.add(answer(accepted, "nextResendAt"));
        answers.add(answer(resend(recovery)));                       // within the cool-down
        IntStream.range(0, 5).forEach(i -> answers.add(answer(confirm(recovery, GUESS))));
        // At once, before anything comes back from identity-service: a real challenge once waited EXHAUSTED for
        // its RecoveryRejected and answered 429 here, where a decoy's, closed already, answered 400.
        answers.add(answer(confirm(recovery, GUESS)));
        answers.add(answer(resend(recovery)));
        if (recovery.accountId() != null) {
            // identity-service rejects a real recovery whose email attempts are exhausted; its RecoveryRejected
            // finds the challenge closed already, and nothing changes.
            Recoveries.rejected(recovery);
        }
        StoredChallenges.awaitState(recovery.recoveryId(), EmailChallenge.State.CLOSED);
        answers.add(answer(confirm(recovery, GUESS)));               // closed: like a used code
        answers.add(answer(resend(recovery)));
        return answers;
    }

    private static Map<String, Object> answer(Response response, String... timeFields) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", response.statusCode());
        answer.put("contentType", response.contentType());
        answer.put("retryAfter", response.header("Retry-After") != null);
        Map<String, Object> body = new LinkedHashMap<>(problemOf(response));
        body.remove("recoveryId");
        body.remove("retryAt");
        for (String field : timeFields) {
            body.put(field, body.get(field) != null);
        }
        answer.put("body", body);
        return answer;
    }

    private static long timed(Supplier<Response> request) {
        long start = System.nanoTime();
        request.get().then().statusCode(400);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
