package dev.lifeline.notification.delivery;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.HttpReceivers.Request;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slowed, never silenced (issue 22.7): per account and human channel, at most the limit (2 per 4 s in the test
 * profile) of recovery-started alerts go out on their own; the window's further requests are logged DIGESTED and
 * told by one digest at its end. Machines (webhook, Shared Signals) get every alert; other accounts are untouched.
 */
@NotificationTest
class RecoveryAlertPacingTest {

    private static final int LIMIT = 2;
    private static final String STARTED = "A recovery of your account has started";
    private static final String DIGEST = "More recoveries of your account were requested";

    @Inject
    RecoveryEventsListener listener;

    @Inject
    RecoveryAlertPace pace;

    @Inject
    EntityManager entityManager;

    /** Five recoveries of one account within a window: two alerts, then three held back. */
    private static List<TestRecovery> fiveRequests() {
        List<TestRecovery> recoveries = new ArrayList<>();
        recoveries.add(Recoveries.started("en", PhoneStatus.ACTIVE));
        for (int i = 1; i < 5; i++) {
            recoveries.add(Recoveries.startedAgain(recoveries.get(0)));
        }
        return recoveries;
    }

    /** Waits until the account's 20 alerts (5 × 4 channels) and its 2 digests (EMAIL, SMS) are final. */
    private static List<Map<String, Object>> awaitAllTold(TestRecovery recovery) {
        return DeliveryLog.awaitFinalOfAccount(recovery.accountId(), 22);
    }

    private static List<Map<String, Object>> entries(List<Map<String, Object>> log, String template, String channel) {
        return log.stream().filter(d -> template.equals(d.get("template")) && channel.equals(d.get("channel"))).toList();
    }

    @Test
    void theOwnerIsMailedTheLimitOfAlertsThenOneDigestNamingTheFurtherRequests() {
        List<TestRecovery> recoveries = fiveRequests();
        String email = recoveries.get(0).email();

        awaitAllTold(recoveries.get(0));

        List<Mail> mails = Mailbox.of(email);
        assertThat(mails).extracting(Mail::subject).containsExactly(STARTED, STARTED, DIGEST);
        assertThat(mails.get(2).text()).contains("3 more recovery requests were made for your account between")
                .contains("cancel the latest recovery now with your current password: "
                        + "https://account.example.test/recovery/cancel?recovery=" + recoveries.get(4).recoveryId());
    }

    @Test
    void theDigestIsInTheOwnersLanguage() {
        TestRecovery first = Recoveries.started("zh-CN", PhoneStatus.SUSPENDED);
        for (int i = 0; i < LIMIT; i++) {
            Recoveries.startedAgain(first);
        }

        Mail digest = Mailbox.awaitMail(first.email(), LIMIT + 1);

        assertThat(digest.subject()).isEqualTo("您的账号又有多次找回申请");
        assertThat(digest.text()).contains("您的账号又有 1 次找回申请").contains("请立即用当前密码取消最近一次找回");
    }

    @Test
    void theOwnerIsTextedTheLimitOfAlertsThenOneDigest() {
        List<TestRecovery> recoveries = fiveRequests();
        String phone = recoveries.get(0).phone();

        awaitAllTold(recoveries.get(0));

        List<String> texts = HttpReceivers.SMS.mentioning(phone).stream().map(Request::body).toList();
        assertThat(texts).hasSize(LIMIT + 1);
        assertThat(texts).filteredOn(text -> text.contains(STARTED)).hasSize(LIMIT);
        assertThat(texts).filteredOn(text -> text.contains(DIGEST)).singleElement().asString()
                .contains("3 more recovery requests were made for your account between");
    }

    @Test
    void everyHeldBackRequestIsInTheDeliveryLog() {
        List<TestRecovery> recoveries = fiveRequests();

        List<Map<String, Object>> log = awaitAllTold(recoveries.get(0));

        for (String channel : List.of("EMAIL", "SMS")) {
            List<Map<String, Object>> alerts = entries(log, "recovery-started", channel);
            assertThat(alerts).extracting(d -> d.get("recoveryId")).containsExactlyInAnyOrderElementsOf(
                    recoveries.stream().map(r -> r.recoveryId().toString()).toList());
            assertThat(alerts).extracting(d -> d.get("status")).containsExactlyInAnyOrder("SENT", "SENT", "DIGESTED",
                    "DIGESTED", "DIGESTED");
            Map<String, Object> digest = DeliveryLog.entry(log, "recovery-requests-digest", channel);
            assertThat(digest.get("status")).isEqualTo("SENT");
            assertThat(alerts).filteredOn(d -> "DIGESTED".equals(d.get("status")))
                    .allSatisfy(d -> assertThat((String) d.get("detail")).startsWith("in the digest "
                            + digest.get("deliveryId")));
        }
    }

    @Test
    void theWebhookAndSharedSignalsReceiveEveryRequest() {
        List<TestRecovery> recoveries = fiveRequests();

        List<Map<String, Object>> log = awaitAllTold(recoveries.get(0));

        for (String channel : List.of("WEBHOOK", "SHARED_SIGNALS")) {
            assertThat(entries(log, "recovery-started", channel)).hasSize(5)
                    .allSatisfy(d -> assertThat(d.get("status")).isEqualTo("SENT"));
            assertThat(entries(log, "recovery-requests-digest", channel)).isEmpty();
        }
        assertThat(recoveries).allSatisfy(recovery ->
                assertThat(HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId())).hasSize(1));
    }

    @Test
    void aRequestAfterTheWindowIsAlertedAtOnceNotHeldBehindTheDigest() {
        List<TestRecovery> recoveries = fiveRequests();
        awaitAllTold(recoveries.get(0));

        TestRecovery later = Recoveries.startedAgain(recoveries.get(0));

        Map<String, Object> alert = DeliveryLog.entry(DeliveryLog.awaitFinal(later.recoveryId(), 4),
                "recovery-started", "EMAIL");
        assertThat(alert.get("status")).isEqualTo("SENT");
        assertThat(Mailbox.of(later.email())).extracting(Mail::subject).containsExactly(STARTED, STARTED, DIGEST,
                STARTED);
    }

    @Test
    void anotherAccountIsNotAffected() {
        TestRecovery flooded = Recoveries.started("en", PhoneStatus.ACTIVE);
        for (int i = 0; i < LIMIT; i++) {
            Recoveries.startedAgain(flooded);
        }
        TestRecovery other = Recoveries.started("en", PhoneStatus.ACTIVE);
        for (int i = 1; i < LIMIT; i++) {
            Recoveries.startedAgain(other);
        }

        List<Map<String, Object>> log = DeliveryLog.awaitFinalOfAccount(other.accountId(), LIMIT * 4);

        assertThat(entries(DeliveryLog.awaitFinalOfAccount(flooded.accountId(), (LIMIT + 1) * 4 + 2),
                "recovery-started", "EMAIL")).as("the flooded account is paced")
                .extracting(d -> d.get("status")).contains("DIGESTED");
        assertThat(log).extracting(d -> d.get("template")).containsOnly("recovery-started");
        assertThat(log).extracting(d -> d.get("status")).containsOnly("SENT");
        assertThat(Mailbox.of(other.email())).extracting(Mail::subject).containsExactly(STARTED, STARTED);
        assertThat(HttpReceivers.SMS.mentioning(other.phone())).hasSize(LIMIT);
    }

    @Test
    void concurrentRequestsForOneAccountNeverExceedTheLimit() throws Exception {
        TestRecovery owner = new TestRecovery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() + "@example.org",
                "13800000002", PhoneStatus.SUSPENDED, "en");
        int requests = 8;
        List<RecoveryRequested> events = IntStream.range(0, requests).mapToObj(i -> Recoveries.requested(
                new TestRecovery(UUID.randomUUID(), owner.accountId(), owner.email(), owner.phone(),
                        owner.phoneStatus(), owner.locale()))).toList();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<?>> applied = new ArrayList<>();
            for (RecoveryRequested event : events) {
                // As two instances' inboxes would: each event in a transaction of its own, all at once.
                applied.add(pool.submit(() -> {
                    start.await();
                    QuarkusTransaction.requiringNew().run(() -> listener.apply(event));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> done : applied) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Map<String, Object>> log = DeliveryLog.ofAccount(owner.accountId());
        List<Map<String, Object>> alerts = entries(log, "recovery-started", "EMAIL");
        assertThat(alerts).hasSize(requests);
        assertThat(alerts).filteredOn(d -> !"DIGESTED".equals(d.get("status"))).hasSize(LIMIT);
        assertThat(entries(log, "recovery-requests-digest", "EMAIL")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(owner.email()).size() == LIMIT + 1);
        assertThat(Mailbox.of(owner.email()).get(LIMIT).text()).contains((requests - LIMIT) + " more recovery requests");
    }

    @Test
    void closedWindowsAreForgottenAndOpenOnesKept() {
        TestRecovery recovery = Recoveries.started("en", PhoneStatus.ACTIVE);
        DeliveryLog.awaitFinal(recovery.recoveryId(), 4);
        assertThat(paceRows(recovery.accountId())).as("EMAIL and SMS windows").isEqualTo(2);

        QuarkusTransaction.requiringNew().run(() -> pace.forgetWindowsClosedAt(Instant.now()));
        assertThat(paceRows(recovery.accountId())).as("the windows are still open").isEqualTo(2);

        QuarkusTransaction.requiringNew().run(() -> pace.forgetWindowsClosedAt(Instant.now().plusSeconds(5)));
        assertThat(paceRows(recovery.accountId())).as("closed (the test window is 4 s)").isZero();
    }

    private int paceRows(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM recovery_alert_pace WHERE account_id = ?1")
                .setParameter(1, accountId).getSingleResult()).intValue());
    }
}
