package dev.lifeline.notification.delivery;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.events.AccountNotificationSent;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.notification.channel.WebhookSignature;
import dev.lifeline.notification.testing.Accounts;
import dev.lifeline.notification.testing.Accounts.TestOwner;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.HttpReceivers.Request;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner is told on every channel when a new set of recovery codes is saved (an account event: no recovery, the
 * contacts come with it) and when a recovery used the last saved code; a code used with others left tells nothing
 * the recovery's own alerts do not.
 */
@NotificationTest
class RecoveryCodeAlertsTest {

    private static final String INFORMATION_CHANGED =
            "https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en    | New recovery codes were saved for your account | A new set of 10 recovery codes was saved for your account on",
            "zh-CN | 您的账号已保存新的恢复码                          | 保存了一组新的恢复码（共 10 个）：之前保存的恢复码已全部失效"})
    void aNewSetOfCodesIsMailedToTheOwnerInTheirLanguage(String locale, String subject, String sentence) {
        TestOwner owner = Accounts.owner(locale, PhoneStatus.SUSPENDED);

        Accounts.codesIssued(owner, 10);

        Mail mail = Mailbox.awaitFirstMail(owner.email());
        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.text()).contains(sentence);
        assertThat(mail.html()).contains(sentence);
    }

    @Test
    void aNewSetOfCodesIsTextedToAnActivePhone() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.ACTIVE);

        Accounts.codesIssued(owner, 10);

        await().atMost(Duration.ofSeconds(30)).until(() -> !HttpReceivers.SMS.mentioning(owner.phone()).isEmpty());
        assertThat(HttpReceivers.SMS.mentioning(owner.phone())).singleElement().satisfies(sms ->
                assertThat(sms.body()).contains("\"to\":\"" + owner.phone() + "\"")
                        .contains("A new set of 10 recovery codes was saved for your account"));
        Map<String, Object> entry = DeliveryLog.entry(DeliveryLog.awaitFinalOfAccount(owner.accountId(), 4),
                "recovery-codes-issued", "SMS");
        assertThat(entry).containsEntry("status", "SENT").containsEntry("detail", "to *******" + owner.phone().substring(7));
    }

    @Test
    void aNewSetOfCodesIsNotTextedToASuspendedPhone() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.SUSPENDED);

        Accounts.codesIssued(owner, 10);

        Map<String, Object> entry = DeliveryLog.entry(DeliveryLog.awaitFinalOfAccount(owner.accountId(), 4),
                "recovery-codes-issued", "SMS");
        assertThat(entry).containsEntry("status", "SKIPPED").containsEntry("detail", "phone suspended");
        assertThat(HttpReceivers.SMS.mentioning(owner.phone())).isEmpty();
    }

    @Test
    void aNewSetOfCodesReachesTheWebhookSignedAndNamingNoRecovery() {
        TestOwner owner = Accounts.owner("zh-CN", PhoneStatus.SUSPENDED);

        RecoveryCodesIssued issued = Accounts.codesIssued(owner, 10);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> HttpReceivers.WEBHOOK.mentioning(owner.accountId()).size() == 1);
        Request call = HttpReceivers.WEBHOOK.mentioning(owner.accountId()).get(0);
        WebhookSignature secret = WebhookSignature.withSecret(HttpReceivers.WEBHOOK_SECRET);
        assertThat(secret.verifies(call.header("webhook-id"), Long.parseLong(call.header("webhook-timestamp")),
                call.body(), call.header("webhook-signature"))).isTrue();
        assertThat(call.body()).contains("\"type\":\"lifeline.recovery-codes-issued\"")
                .contains("\"causationId\":\"" + issued.eventId() + "\"")
                .contains("\"locale\":\"zh-CN\"")
                .doesNotContain("recoveryId")
                .doesNotContain(owner.email());
    }

    @Test
    void aNewSetOfCodesIsSignalledToRelyingPartiesAsRecoveryInformationChanged() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.SUSPENDED);

        Accounts.codesIssued(owner, 10);

        await().atMost(Duration.ofSeconds(30)).until(() -> !setsAbout(owner).isEmpty());
        assertThat(setsAbout(owner)).singleElement().satisfies(claims -> assertThat(claims)
                .contains("\"events\":{\"" + INFORMATION_CHANGED + "\"")
                .contains("\"format\":\"opaque\"").contains("\"id\":\"" + owner.accountId() + "\"")
                .doesNotContain(owner.email()).doesNotContain(owner.phone()));
    }

    @Test
    void aNewSetOfCodesRedeliveredThreeTimesIsMailedOnce() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.SUSPENDED);
        RecoveryCodesIssued issued = Accounts.issued(owner, 10);
        Recoveries.publish(issued);
        Recoveries.publish(issued);
        Recoveries.publish(issued);
        // A later set for the same account, on the same partition: once it is planned, the repeats were consumed.
        Accounts.codesIssued(owner, 8);

        List<Map<String, Object>> log = DeliveryLog.awaitFinalOfAccount(owner.accountId(), 8);
        Mailbox.awaitMail(owner.email(), 2);

        assertThat(log).hasSize(8);
        assertThat(log).filteredOn(delivery -> issued.eventId().toString().equals(delivery.get("causationId")))
                .extracting(delivery -> delivery.get("channel"))
                .containsExactlyInAnyOrder("EMAIL", "SMS", "WEBHOOK", "SHARED_SIGNALS");
        assertThat(Mailbox.of(owner.email())).hasSize(2)
                .filteredOn(mail -> mail.text().contains("A new set of 10 recovery codes")).hasSize(1);
        assertThat(HttpReceivers.WEBHOOK.mentioning(issued.eventId())).hasSize(1);
    }

    @Test
    void aNewSetOfCodesEndsInTheLogAnnouncedByAccountNotificationSentsKeyedByTheAccount() {
        TestOwner owner = Accounts.owner("en", PhoneStatus.SUSPENDED);

        Accounts.codesIssued(owner, 10);

        List<Map<String, Object>> log = DeliveryLog.awaitFinalOfAccount(owner.accountId(), 4);
        assertThat(log).allSatisfy(delivery -> assertThat(delivery).containsEntry("recoveryId", null));
        assertThat(PublishedEvents.decided(owner.accountId(), EventType.NOTIFICATION_SENT)).isEmpty();
        List<LifelineEvent> announced = PublishedEvents.decided(owner.accountId(),
                EventType.ACCOUNT_NOTIFICATION_SENT);
        assertThat(announced).hasSize(4).allSatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(AccountNotificationSent.class, sent -> {
                    assertThat(sent.template()).isEqualTo("recovery-codes-issued");
                    assertThat(sent.accountId()).isEqualTo(owner.accountId());
                }));
        EventSchemas.assertValid(EventType.ACCOUNT_NOTIFICATION_SENT,
                PublishedEvents.onTopic(owner.accountId(), EventType.ACCOUNT_NOTIFICATION_SENT).value());
    }

    @Test
    void aUsedCodeWithCodesLeftTellsNothingAndIsAuditedAsSuch() {
        try (LogLines audit = LogLines.audit()) {
            TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);
            RecoveryCodeUsed used = Recoveries.codeUsed(recovery, 3);
            Recoveries.expired(recovery); // after it on the recovery's partition: once planned, the code was read

            List<Map<String, Object>> log = DeliveryLog.awaitFinal(recovery.recoveryId(), 6);

            assertThat(log).extracting(delivery -> delivery.get("template"))
                    .containsOnly("recovery-started", "recovery-expired");
            assertThat(log).noneMatch(delivery -> used.eventId().toString().equals(delivery.get("causationId")));
            assertThat(Mailbox.of(recovery.email())).extracting(Mail::subject)
                    .doesNotContain("You have no recovery codes left");
            assertThat(audit.containing(used.eventId().toString(), "nothing-to-tell")).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en    | You have no recovery codes left | 'The last of your saved recovery codes was just used, in recovery '",
            "zh-CN | 您的恢复码已用完                | '您保存的最后一个恢复码刚刚在找回 '"})
    void theLastCodeUsedIsMailedInTheOwnersLanguageNamingTheRecovery(String locale, String subject, String sentence) {
        TestRecovery recovery = Recoveries.started(locale, PhoneStatus.SUSPENDED);

        Recoveries.codeUsed(recovery, 0);

        Mailbox.awaitMail(recovery.email(), 2);
        Mail mail = Mailbox.of(recovery.email()).stream().filter(m -> m.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail " + subject));
        assertThat(mail.text()).contains(sentence + recovery.recoveryId())
                .contains("https://account.example.test/recovery/cancel?recovery=" + recovery.recoveryId());
        assertThat(mail.html()).contains(sentence + recovery.recoveryId());
    }

    @Test
    void theLastCodeUsedIsToldOnEveryChannel() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);

        RecoveryCodeUsed used = Recoveries.codeUsed(recovery, 0);

        List<Map<String, Object>> log = DeliveryLog.awaitFinal(recovery.recoveryId(), 7);
        for (String channel : List.of("EMAIL", "SMS", "WEBHOOK")) {
            assertThat(DeliveryLog.entry(log, "recovery-codes-used-up", channel)).as(channel)
                    .containsEntry("status", "SENT").containsEntry("causationId", used.eventId().toString());
        }
        assertThat(HttpReceivers.SMS.mentioning(recovery.phone()))
                .filteredOn(sms -> sms.body().contains("You have no recovery codes left")).hasSize(1);
        assertThat(HttpReceivers.WEBHOOK.mentioning(used.eventId())).singleElement().satisfies(call ->
                assertThat(call.body()).contains("\"type\":\"lifeline.recovery-codes-used-up\"")
                        .contains("\"recoveryId\":\"" + recovery.recoveryId() + "\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> sentFor(recovery, "recovery-codes-used-up").size() == 3);
        assertThat(sentFor(recovery, "recovery-codes-used-up")).allSatisfy(sent ->
                assertThat(sent.causationId()).isEqualTo(used.eventId()));
    }

    /** The claims of every SET the Shared Signals receiver got about the owner's account. */
    private static List<String> setsAbout(TestOwner owner) {
        return HttpReceivers.SHARED_SIGNALS.received().stream()
                .map(push -> new String(Base64.getUrlDecoder().decode(push.body().split("\\.")[1]),
                        StandardCharsets.UTF_8))
                .filter(claims -> claims.contains(owner.accountId().toString()))
                .toList();
    }

    private static List<NotificationSent> sentFor(TestRecovery recovery, String template) {
        List<LifelineEvent> events = PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT);
        return events.stream().map(NotificationSent.class::cast).filter(sent -> sent.template().equals(template))
                .toList();
    }
}
