package dev.lifeline.emailverification.mail;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mails as GreenMail received them over SMTP. The tests' link base is https://recovery.example.test/verify. */
@EmailVerificationTest
class VerificationMailTest {

    private static final String LINK_BASE = "https://recovery.example.test/verify?t=";

    @Test
    void theEnglishMailCarriesTheCodeTheLinkAndWhatToDoIfItWasNotYou() {
        TestRecovery recovery = Recoveries.withEmail("en");

        Mail mail = Mailbox.awaitFirstMail(recovery.email());

        assertThat(mail.subject()).isEqualTo("Your account recovery code");
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.code()).matches("[0-9]{6}");
        assertThat(mail.link()).startsWith(LINK_BASE);
        assertThat(mail.linkToken()).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(mail.text()).contains("Not you?").contains("work once, for 1 min.");
        assertThat(mail.html()).contains(mail.code()).contains("href=\"" + mail.link() + "\"").contains("Not you?");
    }

    @Test
    void theChineseMailIsWrittenInChinese() {
        TestRecovery recovery = Recoveries.withEmail("zh-CN");

        Mail mail = Mailbox.awaitFirstMail(recovery.email());

        assertThat(mail.subject()).isEqualTo("账号找回验证码");
        assertThat(mail.text()).contains("您的验证码：" + mail.code()).contains("不是您本人操作？");
        assertThat(mail.link()).startsWith(LINK_BASE);
        assertThat(mail.html()).contains("lang=\"zh-CN\"").contains(mail.code()).contains("不是您本人操作？");
    }

    @Test
    void theLinkComesFromConfigurationNeverFromTheHostHeader() {
        TestRecovery recovery = Recoveries.withEmail();
        String first = Mailbox.awaitFirstMail(recovery.email()).code();
        assertThat(first).isNotBlank();

        awaitAccepted(() -> given().header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .header("Recovery-Token", recovery.token()).header("X-Forwarded-For", "198.51.100.77")
                .post("/api/v1/email-verifications/{id}/resend", recovery.recoveryId()).statusCode() == 202);
        Mail resent = Mailbox.awaitMail(recovery.email(), 2);

        assertThat(resent.link()).startsWith(LINK_BASE);
        assertThat(resent.text() + resent.html()).doesNotContain("evil.example");
    }

    private static void awaitAccepted(Callable<Boolean> resend) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(resend);
    }
}
