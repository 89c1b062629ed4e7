package dev.lifeline.emailverification.challenge;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCodesIssued;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * identity-service's topic also carries events about accounts outside any recovery (RecoveryCodesIssued, keyed by
 * the account): not this service's business. They open, send and close nothing, and the events after them still are.
 */
@EmailVerificationTest
class AccountEventsTest {

    @Test
    void anAccountEventMailsNothingAndTheNextRecoveryIsServedAsUsual() {
        String address = UUID.randomUUID() + "@example.org";
        UUID account = UUID.randomUUID();
        Recoveries.publish(new RecoveryCodesIssued(UUID.randomUUID(), account, Instant.now(), 10,
                new Contacts(address, true, PhoneStatus.ACTIVE, "en")));

        TestRecovery next = Recoveries.withEmail();
        Mail mail = Mailbox.awaitFirstMail(next.email());

        confirm(next, mail.code()).then().statusCode(200);
        StoredChallenges.awaitState(next.recoveryId(), EmailChallenge.State.VERIFIED);
        assertThat(Mailbox.of(address)).isEmpty();
    }
}
