package dev.lifeline.emailverification.challenge;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.events.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Consumer;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.linkPage;
import static dev.lifeline.emailverification.testing.Api.otherCode;
import static dev.lifeline.emailverification.testing.Api.pressLinkButton;
import static dev.lifeline.emailverification.testing.Api.problemOf;
import static dev.lifeline.emailverification.testing.Api.resend;
import static org.assertj.core.api.Assertions.assertThat;

/** The saga's compensation: the recovery's end closes its challenge, whose code and link then answer like used ones. */
@EmailVerificationTest
class CompensationTest {

    enum RecoveryEnd {
        COMPLETED(Recoveries::completed),
        CANCELLED(Recoveries::cancelled),
        REJECTED(Recoveries::rejected),
        EXPIRED(Recoveries::expired);

        final Consumer<TestRecovery> publish;

        RecoveryEnd(Consumer<TestRecovery> publish) {
            this.publish = publish;
        }
    }

    @ParameterizedTest
    @EnumSource(RecoveryEnd.class)
    void theRecoverysEndInvalidatesItsCodeAndLink(RecoveryEnd end) {
        TestRecovery recovery = Recoveries.withEmail();
        Mail mail = Mailbox.awaitFirstMail(recovery.email());

        end.publish.accept(recovery);
        StoredChallenges.awaitState(recovery.recoveryId(), EmailChallenge.State.CLOSED);

        var code = confirm(recovery, mail.code());
        code.then().statusCode(400);
        assertThat(problemOf(code)).isEqualTo(problemOf(confirm(recovery, otherCode(mail.code()))));
        linkPage(mail.linkToken()).then().statusCode(410);
        pressLinkButton(mail.linkToken()).then().statusCode(410);
        resend(recovery).then().statusCode(400);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).isEmpty();
    }
}
