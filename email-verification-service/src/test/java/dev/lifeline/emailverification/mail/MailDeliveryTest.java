package dev.lifeline.emailverification.mail;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.RecoveryRequested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmailVerificationTest
class MailDeliveryTest {

    @Test
    void anSmtpOutageDelaysTheMailAndLosesNone() {
        LocalInfrastructure.stopMail();
        TestRecovery recovery;
        try {
            recovery = Recoveries.withEmail();
            // The sender has tried and failed at least twice: the mail is waiting for SMTP, not lost.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                EmailChallenge challenge = StoredChallenges.find(recovery.recoveryId());
                return challenge != null && challenge.mailAttempts() >= 2;
            });
        } finally {
            LocalInfrastructure.startMail();
        }

        String code = Mailbox.awaitFirstMail(recovery.email()).code();

        confirm(recovery, code).then().statusCode(200);
        assertThat(Mailbox.of(recovery.email())).hasSize(1);
    }

    @Test
    void aRedeliveredRecoveryRequestedSendsNoSecondMail() {
        TestRecovery recovery = Recoveries.withEmail();
        RecoveryRequested requested = Recoveries.requested(recovery, List.of(Evidence.EMAIL, Evidence.IDENTITY));
        Recoveries.publish(requested);
        Mailbox.awaitFirstMail(recovery.email());

        Recoveries.publish(requested); // the same ce_id again: a redelivery
        Recoveries.publish(Recoveries.requested(recovery, List.of(Evidence.EMAIL, Evidence.IDENTITY))); // a new id

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.of(recovery.email()).size() == 1);
    }

    @Test
    void aRecoveryWithoutEmailOrWhosePolicyNeedsNoneSendsNothing() {
        TestRecovery noAddress = Recoveries.withoutEmail();
        TestRecovery unverified = new TestRecovery(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                "token-" + java.util.UUID.randomUUID(), java.util.UUID.randomUUID() + "@example.org", "en");
        Recoveries.publish(Recoveries.requested(unverified, List.of(Evidence.IDENTITY)));

        assertThat(StoredChallenges.awaitOpened(noAddress.recoveryId()).delivers()).isFalse();
        assertThat(StoredChallenges.awaitOpened(unverified.recoveryId()).delivers()).isFalse();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Mailbox.of(unverified.email()).isEmpty());
    }
}
