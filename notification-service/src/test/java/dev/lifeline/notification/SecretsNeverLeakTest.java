package dev.lifeline.notification;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.events.EventType;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.notification.testing.Accounts;
import dev.lifeline.notification.testing.Accounts.TestOwner;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The full phone number goes to the SMS provider and nowhere else: not the log, not the events, not the webhook.
 * And nothing that looks like a recovery code is ever in a message (identity-service sends none; no template may
 * grow one).
 */
@NotificationTest
class SecretsNeverLeakTest {

    /** A group such as identity-service's codes show ({@code K7QF-9XMR}); ids are taken out before looking. */
    private static final Pattern CODE_LIKE = Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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

    @Test
    void noRecoveryCodeAlertCarriesACodeOrTheFullPhoneNumberOutsideTheSmsProvidersRequest() {
        try (LogLines logs = LogLines.all()) {
            TestOwner owner = Accounts.owner("en", PhoneStatus.ACTIVE);
            TestRecovery recovery = Recoveries.started("zh-CN", PhoneStatus.ACTIVE);
            Accounts.codesIssued(owner, 10);
            Recoveries.codeUsed(recovery, 0);

            DeliveryLog.awaitFinalOfAccount(owner.accountId(), 4);
            DeliveryLog.awaitFinal(recovery.recoveryId(), 7);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT).size() == 7);

            List<String> told = new ArrayList<>();
            for (String address : List.of(owner.email(), recovery.email())) {
                Mailbox.of(address).forEach(mail -> told.addAll(List.of(mail.subject(), mail.text(), mail.html())));
            }
            HttpReceivers.WEBHOOK.mentioning(owner.accountId()).forEach(call -> told.add(call.body()));
            HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()).forEach(call -> told.add(call.body()));
            HttpReceivers.SHARED_SIGNALS.received().forEach(push -> told.add(new String(
                    Base64.getUrlDecoder().decode(push.body().split("\\.")[1]), StandardCharsets.UTF_8)));
            PublishedEvents.decided(recovery.recoveryId(), EventType.NOTIFICATION_SENT)
                    .forEach(event -> told.add(event.toString()));
            told.add(DeliveryLog.ofAccount(owner.accountId()).toString());
            told.add(DeliveryLog.of(recovery.recoveryId()).toString());
            List<String> texted = new ArrayList<>();
            HttpReceivers.SMS.mentioning(owner.phone()).forEach(sms -> texted.add(sms.body()));
            HttpReceivers.SMS.mentioning(recovery.phone()).forEach(sms -> texted.add(sms.body()));

            assertThat(told).hasSizeGreaterThan(10);
            assertThat(texted).hasSize(3); // the recovery's start, its used-up alert, the new set
            assertThat(told).noneMatch(text -> text.contains(owner.phone()) || text.contains(recovery.phone()));
            assertThat(logs.lines()).noneMatch(line -> line.contains(owner.phone()) || line.contains(recovery.phone()));
            List<String> everything = new ArrayList<>(told);
            everything.addAll(texted);
            assertThat(everything).noneMatch(text -> CODE_LIKE.matcher(UUID_TEXT.matcher(text).replaceAll("<id>")).find());
        }
    }
}
