package dev.lifeline.emailverification.api;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.IntStream;

import static dev.lifeline.emailverification.testing.Api.awaitResend;
import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.newClient;
import static dev.lifeline.emailverification.testing.Api.otherCode;
import static dev.lifeline.emailverification.testing.Api.pressLinkButton;
import static dev.lifeline.emailverification.testing.Api.problemOf;
import static dev.lifeline.emailverification.testing.Api.resend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** The tests' resend cool-down is 1 s (lifeline.email-verification.resend-cooldown), with 3 resends per recovery. */
@EmailVerificationTest
class ResendTest {

    @Test
    void aResendMailsANewCodeAndLinkAndTheOldOnesStopWorking() {
        TestRecovery recovery = Recoveries.withEmail();
        Mail first = Mailbox.awaitFirstMail(recovery.email());

        awaitResend(recovery);
        Mail second = Mailbox.awaitMail(recovery.email(), 2);

        assertThat(second.code()).isNotEqualTo(first.code());
        assertThat(second.linkToken()).isNotEqualTo(first.linkToken());
        confirm(recovery, first.code()).then().statusCode(400);
        pressLinkButton(first.linkToken()).then().statusCode(410);
        confirm(recovery, second.code()).then().statusCode(200);
    }

    @Test
    void aResendWithinTheCoolDownIsRefusedWithRetryAfter() {
        TestRecovery recovery = Recoveries.withEmail();
        Mailbox.awaitFirstMail(recovery.email());
        awaitResend(recovery);

        resend(recovery).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", is("https://lifeline.dev/problems/resend-too-soon"));
    }

    @Test
    void resendsAreCappedPerRecovery() {
        TestRecovery recovery = Recoveries.withEmail();
        Mailbox.awaitFirstMail(recovery.email());
        IntStream.range(0, 3).forEach(i -> awaitResend(recovery));

        resend(recovery).then().statusCode(429).body("type", is("https://lifeline.dev/problems/email-codes-exhausted"));
    }

    @Test
    void aResendDoesNotBuyAFreshBudgetOfWrongAttempts() {
        TestRecovery recovery = Recoveries.withEmail();
        String firstCode = Mailbox.awaitFirstMail(recovery.email()).code();
        IntStream.range(0, 4).forEach(i -> confirm(recovery, otherCode(firstCode)).then().statusCode(400));

        awaitResend(recovery);
        String secondCode = Mailbox.awaitMail(recovery.email(), 2).code();

        confirm(recovery, otherCode(secondCode)).then().statusCode(429);
        confirm(recovery, secondCode).then().statusCode(400); // the fifth wrong code closed it
    }

    @Test
    void aResendWithAWrongTokenGetsTheSameRefusalAsAnUnknownRecovery() {
        TestRecovery recovery = Recoveries.withEmail();
        Mailbox.awaitFirstMail(recovery.email());

        var wrongToken = resend(recovery.recoveryId(), "wrong",
                newClient());
        var unknown = resend(UUID.randomUUID(), recovery.token(),
                newClient());

        wrongToken.then().statusCode(400);
        unknown.then().statusCode(400);
        assertThat(problemOf(wrongToken))
                .isEqualTo(problemOf(unknown));
        assertThat(Mailbox.of(recovery.email())).hasSize(1);
    }
}
