package dev.lifeline.emailverification.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP's refusals quote the recipient: what the sender logs and keeps of them holds the address masked. */
class MailSenderTest {

    private static final RuntimeException REFUSED = new IllegalStateException(
            "SMTP server answered 550 5.1.1 <li.wei@example.com>: Recipient address rejected: User unknown");

    @Test
    void theWarningForAFailedSendHoldsTheAddressMasked() {
        UUID recoveryId = UUID.randomUUID();

        String warning = MailSender.warning(recoveryId, 2, REFUSED, Duration.ofSeconds(4));

        assertThat(warning).doesNotContain("li.wei@example.com").doesNotContain("li.wei")
                .isEqualTo("Verification mail for recovery " + recoveryId + " could not be sent (attempt 2): "
                        + "IllegalStateException: SMTP server answered 550 5.1.1 <l*****@example.com>: Recipient"
                        + " address rejected: User unknown; retrying in 4000 ms");
    }

    @Test
    void theErrorKeptWithTheChallengeHoldsTheAddressMasked() {
        assertThat(MailSender.error(REFUSED)).doesNotContain("li.wei@example.com")
                .contains("<l*****@example.com>: Recipient address rejected");
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertThat(MailSender.error(new IllegalStateException())).isEqualTo("IllegalStateException: null");
    }
}
