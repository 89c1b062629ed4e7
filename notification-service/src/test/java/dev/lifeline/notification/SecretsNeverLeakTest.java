package dev.lifeline.notification;

import dev.lifeline.events.EventType;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.messaging.PublishedEvents;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The full phone number goes to the SMS provider and nowhere else: not the log, not the events, not the webhook. */
@NotificationTest
class SecretsNeverLeakTest {

    @Test
    void theFullPhoneNumberAndTheAddressStayOutOfTheLogTheEventsAndTheWebhook() {
        try (LogLines logs = LogLines.all()) {
            TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);
            Recoveries.passwordReset(recovery);

            DeliveryLog.awaitFinal(recovery.recoveryId(), 8);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT).size() == 8);

            assertThat(logs.containing(recovery.recoveryId().toString())).isNotEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains(recovery.phone()))
                    .noneMatch(line -> line.contains(recovery.email()));
            assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT))
                    .allSatisfy(event -> assertThat(event.toString()).doesNotContain(recovery.phone())
                            .doesNotContain(recovery.email()));
            assertThat(HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()))
                    .allSatisfy(call -> assertThat(call.body()).doesNotContain(recovery.phone()));
            assertThat(HttpReceivers.SMS.mentioning(recovery.phone())).hasSize(2);
        }
    }
}
