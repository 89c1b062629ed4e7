package dev.lifeline.notification.channel;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A text message reaches an active phone; a suspended one — the seed's situation — is skipped and logged. */
@NotificationTest
class SmsTest {

    @Test
    void aSuspendedPhoneIsSkippedAndTheSkipIsLogged() {
        try (LogLines logs = LogLines.all()) {
            TestRecovery recovery = Recoveries.started("zh-CN", PhoneStatus.SUSPENDED);

            List<Map<String, Object>> log = DeliveryLog.awaitFinal(recovery.recoveryId(), 4);

            Map<String, Object> sms = DeliveryLog.entry(log, "recovery-started", "SMS");
            assertThat(sms).containsEntry("status", "SKIPPED").containsEntry("detail", "phone suspended");
            assertThat(HttpReceivers.SMS.mentioning(recovery.phone())).isEmpty();
            assertThat(logs.containing(recovery.recoveryId().toString(), "SKIPPED", "suspended")).isNotEmpty();
        }
    }

    @Test
    void anActivePhoneReceivesTheHeadlineThroughTheProvider() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);

        await().atMost(Duration.ofSeconds(30)).until(() -> !HttpReceivers.SMS.mentioning(recovery.phone()).isEmpty());

        HttpReceivers.Request sent = HttpReceivers.SMS.mentioning(recovery.phone()).get(0);
        assertThat(sent.body()).contains("\"to\":\"" + recovery.phone() + "\"")
                .contains("Someone has started to recover your account");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer test-sms-key");
        Map<String, Object> sms = DeliveryLog.entry(DeliveryLog.awaitFinal(recovery.recoveryId(), 4),
                "recovery-started", "SMS");
        assertThat(sms).containsEntry("status", "SENT")
                .containsEntry("detail", "to *******" + recovery.phone().substring(7));
    }

    @Test
    void aNewPhoneNumberIsToldByTextToTheNewNumberAndByMailToTheBoundAddress() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.SUSPENDED);
        String newPhone = "139" + recovery.phone().substring(3);
        Recoveries.phoneBound(recovery, newPhone);

        await().atMost(Duration.ofSeconds(30)).until(() -> !HttpReceivers.SMS.mentioning(newPhone).isEmpty());

        assertThat(HttpReceivers.SMS.mentioning(newPhone)).singleElement().satisfies(sms ->
                assertThat(sms.body()).contains("A new phone number, *******" + newPhone.substring(7) + ", was bound"));
        assertThat(HttpReceivers.SMS.mentioning(recovery.phone())).as("the suspended old number").isEmpty();
        Mailbox.awaitMail(recovery.email(), 2);
        assertThat(Mailbox.of(recovery.email())).extracting(Mailbox.Mail::subject)
                .contains("A new phone number was bound to your account");
    }
}
