package dev.lifeline.notification.delivery;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.notification.channel.WebhookSignature;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.HttpReceivers.Request;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event that tells the owner something reaches the mailbox in the account's language — subject and key
 * sentence — and the gateway's webhook, signed the Standard Webhooks way.
 */
@NotificationTest
class WhatTheOwnerIsToldTest {

    private static final Map<String, Map<String, String[]>> EXPECTED = Map.of(
            "en", Map.of(
                    "recovery-started", new String[]{"A recovery of your account has started",
                            "Someone has started to recover your account"},
                    "recovery-approved", new String[]{"Your account recovery was approved",
                            "its password can be reset from"},
                    "password-changed", new String[]{"Your password was changed", "every session was signed out"},
                    "phone-changed", new String[]{"A new phone number was bound to your account",
                            "A new phone number, *******5678, was bound"},
                    "recovery-cancelled", new String[]{"Your account recovery was cancelled",
                            "The recovery of your account was cancelled."},
                    "recovery-expired", new String[]{"Your account recovery expired",
                            "expired before the password was reset"},
                    "recovery-rejected", new String[]{"Your account recovery was refused",
                            "the checks did not succeed"}),
            "zh-CN", Map.of(
                    "recovery-started", new String[]{"您的账号正在被找回", "有人正在找回您的账号"},
                    "recovery-approved", new String[]{"您的账号找回申请已通过", "起可以重置密码"},
                    "password-changed", new String[]{"您的密码已修改", "所有登录会话均已退出"},
                    "phone-changed", new String[]{"您的账号已绑定新手机号", "绑定了新手机号 *******5678"},
                    "recovery-cancelled", new String[]{"您的账号找回已取消", "您的账号找回已取消"},
                    "recovery-expired", new String[]{"您的账号找回已过期", "在重置密码之前已过期"},
                    "recovery-rejected", new String[]{"您的账号找回未通过", "核验没有成功"}));

    @ParameterizedTest
    @CsvSource({"en", "zh-CN"})
    void everyRecoveryEventReachesTheMailboxAndTheWebhookInTheOwnersLanguage(String locale) {
        TestRecovery recovery = Recoveries.started(locale);
        Recoveries.approved(recovery, Duration.ofHours(24));
        Recoveries.passwordReset(recovery);
        Recoveries.phoneChanged(recovery, "*******5678");
        Recoveries.cancelled(recovery, CancelledBy.OWNER);
        Recoveries.expired(recovery);
        Recoveries.rejected(recovery);

        Mailbox.awaitMail(recovery.email(), 7);
        List<Mail> mails = Mailbox.of(recovery.email());
        assertThat(mails).hasSize(7);
        EXPECTED.get(locale).forEach((template, expected) -> {
            Optional<Mail> mail = mails.stream().filter(m -> m.subject().equals(expected[0])).findFirst();
            assertThat(mail).as("the %s mail", template).isPresent();
            assertThat(mail.get().text()).as("the %s mail's text", template).contains(expected[1]);
            assertThat(mail.get().html()).as("the %s mail's HTML", template).contains(expected[1]);
            assertThat(mail.get().contentType()).startsWith("multipart/");
        });
        Mail started = mails.stream().filter(m -> m.subject().equals(EXPECTED.get(locale).get("recovery-started")[0]))
                .findFirst().orElseThrow();
        assertThat(started.text()).as("how to cancel, from configuration")
                .contains("https://account.example.test/recovery/cancel?recovery=" + recovery.recoveryId());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()).size() == 7);
        WebhookSignature secret = WebhookSignature.withSecret(HttpReceivers.WEBHOOK_SECRET);
        for (Request call : HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId())) {
            long timestamp = Long.parseLong(call.header("webhook-timestamp"));
            assertThat(secret.verifies(call.header("webhook-id"), timestamp, call.body(),
                    call.header("webhook-signature"))).as("signature of %s", call.body()).isTrue();
            assertThat(call.body()).contains("\"locale\":\"" + locale + "\"").doesNotContain(recovery.email());
        }
    }

    @Test
    void aRecoveryApprovedWithoutIdentityProofingIsToldLikeAnyApproval() {
        TestRecovery recovery = Recoveries.started("en");

        Recoveries.approvedWithoutIdentityProofing(recovery, Duration.ofHours(24));

        Mailbox.awaitMail(recovery.email(), 2);
        assertThat(Mailbox.of(recovery.email())).filteredOn(m -> m.subject().equals("Your account recovery was approved"))
                .singleElement().satisfies(mail -> assertThat(mail.text()).contains("its password can be reset from"));
    }

    @Test
    void aTamperedWebhookBodyFailsVerification() {
        TestRecovery recovery = Recoveries.started("en");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()).size() == 1);
        Request call = HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()).get(0);
        WebhookSignature secret = WebhookSignature.withSecret(HttpReceivers.WEBHOOK_SECRET);
        long timestamp = Long.parseLong(call.header("webhook-timestamp"));
        String tampered = call.body().replace("recovery-started", "recovery-cancelled");

        assertThat(tampered).isNotEqualTo(call.body());
        assertThat(secret.verifies(call.header("webhook-id"), timestamp, tampered, call.header("webhook-signature")))
                .isFalse();
        assertThat(secret.verifies(call.header("webhook-id"), timestamp + 1, call.body(),
                call.header("webhook-signature"))).as("another timestamp").isFalse();
        assertThat(WebhookSignature.withSecret("whsec_" + "A".repeat(32)).verifies(call.header("webhook-id"),
                timestamp, call.body(), call.header("webhook-signature"))).as("another secret").isFalse();
    }
}
