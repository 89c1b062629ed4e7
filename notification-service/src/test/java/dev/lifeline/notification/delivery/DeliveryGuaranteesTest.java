package dev.lifeline.notification.delivery;

import dev.lifeline.testing.LocalInfrastructure;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each event notifies at most once per channel, whatever is redelivered, and a channel that is down is retried
 * until it takes the notification; each final outcome is announced by one NotificationSent.
 */
@NotificationTest
class DeliveryGuaranteesTest {

    @Test
    void aRedeliveredEventNotifiesOncePerChannel() throws Exception {
        TestRecovery recovery = new TestRecovery(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID() + "@example.org", "13800000001", dev.lifeline.events.PhoneStatus.SUSPENDED, "en");
        RecoveryRequested requested = Recoveries.requested(recovery);
        Recoveries.publish(requested);
        Recoveries.publish(requested);
        Recoveries.publish(requested);

        List<Map<String, Object>> log = DeliveryLog.awaitFinal(recovery.recoveryId(), 4);
        // A second, wrong delivery would show up within this time.
        await("no second delivery on any channel").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10))
                .until(() -> DeliveryLog.of(recovery.recoveryId()).size() == 4);
        assertThat(log).extracting(d -> d.get("channel")).containsExactlyInAnyOrder("EMAIL", "SMS", "WEBHOOK",
                "SHARED_SIGNALS");
        assertThat(Mailbox.of(recovery.email())).hasSize(1);
        assertThat(HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId())).hasSize(1);
        assertThat(sentEvents(recovery)).hasSize(4)
                .allSatisfy(sent -> assertThat(sent.causationId()).isEqualTo(requested.eventId()));
    }

    @Test
    void anSmtpOutageIsRetriedUntilTheMailIsDelivered() {
        LocalInfrastructure.stopMail();
        TestRecovery recovery;
        try {
            recovery = Recoveries.started("en");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, Object> email = DeliveryLog.entry(DeliveryLog.of(recovery.recoveryId()),
                        "recovery-started", "EMAIL");
                return ((Number) email.get("attempts")).intValue() >= 2;
            });
        } finally {
            LocalInfrastructure.startMail();
        }

        Map<String, Object> email = DeliveryLog.entry(DeliveryLog.await(recovery.recoveryId(), log -> "SENT".equals(
                DeliveryLog.entry(log, "recovery-started", "EMAIL").get("status"))), "recovery-started", "EMAIL");
        Mailbox.Mail mail = Mailbox.awaitFirstMail(recovery.email());
        assertThat(mail.subject()).isEqualTo("A recovery of your account has started");
        assertThat(Mailbox.of(recovery.email())).hasSize(1);
        // Every attempt names the delivery: had an earlier one reached the owner, the retry would be the same message.
        assertThat(mail.messageId()).isEqualTo("<" + email.get("deliveryId") + "@lifeline>");
        assertThat(((Number) email.get("attempts")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat((String) email.get("lastError")).startsWith("SMTP");
    }

    @Test
    void aWebhookReceiverAnswering503IsRetriedUntilItTakesTheCall() {
        HttpReceivers.WEBHOOK.answerNext(503, 503);
        TestRecovery recovery = Recoveries.started("en");

        Map<String, Object> webhook = DeliveryLog.entry(DeliveryLog.await(recovery.recoveryId(), log -> "SENT".equals(
                DeliveryLog.entry(log, "recovery-started", "WEBHOOK").get("status"))), "recovery-started", "WEBHOOK");

        assertThat(webhook.get("attempts")).isEqualTo(3);
        assertThat(webhook.get("lastError")).asString().endsWith("answered 503");
        List<HttpReceivers.Request> calls = HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId());
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(call -> call.header("webhook-id")).as("one id for every attempt")
                .containsOnly(calls.get(0).header("webhook-id"));
    }

    @Test
    void aReceiverThatRefusesTheCallEndsTheDeliveryFailedAtOnce() {
        HttpReceivers.WEBHOOK.answerNext(400);
        TestRecovery recovery = Recoveries.started("en");

        Map<String, Object> webhook = DeliveryLog.entry(DeliveryLog.await(recovery.recoveryId(), log -> "FAILED".equals(
                DeliveryLog.entry(log, "recovery-started", "WEBHOOK").get("status"))), "recovery-started", "WEBHOOK");

        assertThat(webhook.get("attempts")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sentEvents(recovery).stream()
                .anyMatch(sent -> sent.channel() == dev.lifeline.events.Channel.WEBHOOK
                        && sent.status() == dev.lifeline.events.DeliveryStatus.FAILED));
    }

    @Test
    void aWebhookReceiverThatHangsDelaysNoOtherChannel() {
        HttpReceivers.WEBHOOK.holdNext(Duration.ofSeconds(8));
        TestRecovery recovery = Recoveries.started("en");
        await().atMost(Duration.ofSeconds(10)).until(() -> HttpReceivers.WEBHOOK.holding() == 1);

        TestRecovery next = Recoveries.started("en"); // planned while the webhook call hangs
        Mailbox.awaitFirstMail(next.email());

        assertThat(HttpReceivers.WEBHOOK.holding()).as("the next mail went out while the webhook was still waiting")
                .isEqualTo(1);
        Map<String, Object> webhook = DeliveryLog.entry(DeliveryLog.await(recovery.recoveryId(), log -> "SENT".equals(
                DeliveryLog.entry(log, "recovery-started", "WEBHOOK").get("status"))), "recovery-started", "WEBHOOK");
        assertThat(webhook.get("attempts")).isEqualTo(1);
    }

    private static List<NotificationSent> sentEvents(TestRecovery recovery) {
        List<LifelineEvent> events = PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT);
        return events.stream().map(NotificationSent.class::cast).toList();
    }
}
