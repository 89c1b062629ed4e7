package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.message.Template;
import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker that dies mid-send leaves its delivery leased: another worker (or the restarted one) delivers it once
 * the lease runs out — once, with the same delivery id — and not before, so a slow send is not doubled.
 */
@NotificationTest
class CrashedWorkerTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void aDeliveryLeftByAWorkerThatDiedIsDeliveredOnceItsLeaseRunsOut() {
        TestRecovery recovery = new TestRecovery(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID() + "@example.org", null, dev.lifeline.events.PhoneStatus.SUSPENDED, "en");
        Instant taken = Instant.now();
        UUID deliveryId = QuarkusTransaction.requiringNew().call(() -> {
            RecoveryRequested requested = Recoveries.requested(recovery); // never published: only this delivery
            RecoveryRecipient.of(requested, taken).persist();
            Delivery delivery = Delivery.planned(requested, recovery.accountId(), Channel.WEBHOOK,
                    Template.RECOVERY_STARTED, Map.of(), taken);
            delivery.take(taken, LEASE); // the worker that took it, and died before it could record anything
            delivery.persist();
            return delivery.id();
        });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId()).isEmpty());
        Instant delivered = Instant.now();
        Map<String, Object> webhook = DeliveryLog.entry(DeliveryLog.awaitFinal(recovery.recoveryId(), 1),
                "recovery-started", "WEBHOOK");

        assertThat(Duration.between(taken, delivered)).as("not before the lease ran out")
                .isGreaterThanOrEqualTo(LEASE.minusMillis(100));
        assertThat(webhook).containsEntry("status", "SENT").containsEntry("attempts", 2);
        assertThat(HttpReceivers.WEBHOOK.mentioning(recovery.recoveryId())).singleElement()
                .satisfies(call -> assertThat(call.header("webhook-id")).isEqualTo(deliveryId.toString()));
    }
}
