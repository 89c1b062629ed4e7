package dev.lifeline.emailverification.api;

import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.newClient;
import static dev.lifeline.emailverification.testing.Api.otherCode;
import static dev.lifeline.emailverification.testing.Api.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

@EmailVerificationTest
class ConfirmByCodeTest {

    @Test
    void theCodeFromTheMailVerifiesTheEmailAndPublishesEmailVerifiedOnce() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();

        confirm(recovery, code).then().statusCode(200)
                .body("recoveryId", is(recovery.recoveryId().toString()))
                .body("status", is("VERIFIED"));

        EmailVerified verified = (EmailVerified) PublishedEvents.awaitOne(recovery.recoveryId(), EventType.EMAIL_VERIFIED);
        assertThat(verified.method()).isEqualTo(EmailVerificationMethod.CODE);
        assertThat(verified.accountId()).isEqualTo(recovery.accountId());
        assertThat(PublishedEvents.onTopic(recovery.recoveryId(), EventType.EMAIL_VERIFIED).value())
                .contains(verified.eventId().toString());
    }

    @Test
    void aUsedCodeIsRefusedLikeAWrongOne() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();
        confirm(recovery, code).then().statusCode(200);

        Response again = confirm(recovery, code);
        Response wrong = confirm(recovery, otherCode(code));

        again.then().statusCode(400);
        assertThat(again.asString()).isEqualTo(wrong.asString());
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).hasSize(1);
    }

    @Test
    void aWrongTokenOrAnUnknownRecoveryGetsTheWrongCodeAnswerAndCostsNoAttempt() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();
        Response wrongCode = confirm(recovery, otherCode(code));

        Response wrongToken = confirm(recovery.recoveryId(), "not-the-token", code, newClient());
        Response noToken = confirm(recovery.recoveryId(), null, code, newClient());
        Response unknown = confirm(UUID.randomUUID(), recovery.token(), code, newClient());

        for (Response refused : List.of(wrongToken, noToken, unknown)) {
            refused.then().statusCode(400);
            assertThat(problemOf(refused)).isEqualTo(problemOf(wrongCode));
        }
        assertThat(StoredChallenges.find(recovery.recoveryId()).wrongAttempts()).isEqualTo(1);
        confirm(recovery, code).then().statusCode(200);
    }

    @Test
    void theFifthWrongCodeExhaustsTheChallengeAndTheSixthAttemptFailsLikeAUsedCodeEvenWithTheRightCode() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();

        IntStream.range(0, 4).forEach(i -> confirm(recovery, otherCode(code)).then().statusCode(400));
        confirm(recovery, otherCode(code)).then().statusCode(429)
                .body("type", is("https://lifeline.dev/problems/email-attempts-exhausted"));
        confirm(recovery, code).then().statusCode(400); // closed at once, as a decoy's is

        EmailVerificationFailed failed = (EmailVerificationFailed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.EMAIL_VERIFICATION_FAILED);
        assertThat(failed.reason()).isEqualTo(EmailVerificationFailure.TOO_MANY_ATTEMPTS);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).isEmpty();
    }

    @Test
    void aLapsedCodeAnswersGoneAndItsExpiryIsReportedOnce() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();

        // The tests' codes live 6 s (lifeline.email-verification.code-ttl); the scheduler looks every second.
        EmailVerificationFailed failed = (EmailVerificationFailed) PublishedEvents.awaitOne(recovery.recoveryId(),
                EventType.EMAIL_VERIFICATION_FAILED);

        assertThat(failed.reason()).isEqualTo(EmailVerificationFailure.EXPIRED);
        confirm(recovery, code).then().statusCode(410)
                .body("type", is("https://lifeline.dev/problems/email-code-expired"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFICATION_FAILED).size() == 1);
    }

    @Test
    void concurrentRightCodesVerifyOnce() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();

        List<Integer> statuses = AtOnce.run(Collections.nCopies(8, () -> confirm(recovery, code).statusCode()));

        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 400);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).hasSize(1);
    }
}
