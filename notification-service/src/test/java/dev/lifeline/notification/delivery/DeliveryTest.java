package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.AccountNotificationSent;
import dev.lifeline.events.DeliveryStatus;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Template;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The delivery's rules, without Quarkus: leases, retries up to a bound, final outcomes announced once — a recovery
 * event's by a NotificationSent, an account event's by an AccountNotificationSent.
 */
class DeliveryTest {

    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID RECOVERY = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();

    private static Delivery planned() {
        return Delivery.planned(new PasswordReset(EVENT, RECOVERY, ACCOUNT, T0, true), ACCOUNT, Channel.EMAIL,
                Template.PASSWORD_CHANGED, Map.of("sessionsRevoked", "true"), T0);
    }

    private static Delivery plannedForAnAccountEvent() {
        RecoveryCodesIssued issued = new RecoveryCodesIssued(EVENT, ACCOUNT, T0, 10,
                new Contacts("li.wei@example.com", true, PhoneStatus.ACTIVE, "zh-CN", "+8613800138000"));
        return Delivery.planned(issued, ACCOUNT, Channel.EMAIL, Template.RECOVERY_CODES_ISSUED,
                Map.of("codes", "10"), T0);
    }

    @Test
    void aTakenDeliveryIsLeasedAndCountsTheAttempt() {
        Delivery delivery = planned();

        delivery.take(T0, LEASE);

        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
    }

    @Test
    void aDeliveredNotificationIsFinalAndAnnouncedWithItsCause() {
        Delivery delivery = planned();
        delivery.take(T0, LEASE);

        NotificationSent sent = (NotificationSent) delivery.delivered(Outcome.sent("to l*****@example.com"),
                T0.plusSeconds(1)).orElseThrow().announcement();

        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(delivery.detail()).contains("to l*****@example.com");
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.causationId()).isEqualTo(EVENT);
        assertThat(sent.recoveryId()).isEqualTo(RECOVERY);
        assertThat(sent.template()).isEqualTo("password-changed");
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThatIllegalStateException().as("a final delivery is never taken again")
                .isThrownBy(() -> delivery.take(T0.plusSeconds(2), LEASE));
    }

    @Test
    void aSkippedNotificationIsFinalToo() {
        Delivery delivery = planned();
        delivery.take(T0, LEASE);

        NotificationSent sent = (NotificationSent) delivery.delivered(Outcome.skipped("phone suspended"), T0)
                .orElseThrow().announcement();

        assertThat(delivery.status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SKIPPED);
    }

    @Test
    void aRetryableFailureIsRetriedUntilTheAttemptsRunOutThenFailed() {
        Delivery delivery = planned();
        for (int attempt = 1; attempt < 3; attempt++) {
            delivery.take(T0, LEASE);
            assertThat(delivery.failed("SMTP down", true, 3, BACKOFF, T0)).isEmpty();
            assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
        }
        delivery.take(T0, LEASE);

        Optional<Delivery.Ended> ended = delivery.failed("SMTP down", true, 3, BACKOFF, T0);

        assertThat(ended).hasValueSatisfying(end -> assertThat(((NotificationSent) end.announcement()).status())
                .isEqualTo(DeliveryStatus.FAILED));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastError()).contains("SMTP down");
    }

    @Test
    void aRefusalFailsAtOnce() {
        Delivery delivery = planned();
        delivery.take(T0, LEASE);

        assertThat(delivery.failed("gateway answered 400", false, 12, BACKOFF, T0)).isPresent();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
    }

    @Test
    void aLateOutcomeAfterAnotherWorkerRecordedOneIsIgnored() {
        Delivery delivery = planned();
        delivery.take(T0, LEASE);
        delivery.take(T0.plus(LEASE), LEASE); // the first worker's lease ran out; a second took it
        delivery.delivered(Outcome.sent("to l*****@example.com"), T0.plus(LEASE).plusSeconds(1));

        assertThat(delivery.delivered(Outcome.sent("to l*****@example.com"), T0.plus(LEASE).plusSeconds(2)))
                .as("no second NotificationSent").isEmpty();
        assertThat(delivery.failed("timeout", true, 12, BACKOFF, T0.plus(LEASE).plusSeconds(2))).isEmpty();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void anAccountEventsDeliveryNamesNoRecovery() {
        Delivery delivery = plannedForAnAccountEvent();

        assertThat(delivery.recoveryId()).isEmpty();
        assertThat(delivery.accountId()).isEqualTo(ACCOUNT);
        assertThat(delivery.eventType()).isEqualTo("RecoveryCodesIssued");
        assertThat(delivery.notification(null).recoveryId()).isNull();
    }

    @Test
    void anAccountEventsDeliveryEndsFinalAnnouncedByAnAccountNotificationSent() {
        Delivery delivery = plannedForAnAccountEvent();
        delivery.take(T0, LEASE);

        Delivery.Ended ended = delivery.delivered(Outcome.sent("to l*****@example.com"), T0).orElseThrow();

        assertThat(ended.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(ended.announcement()).isInstanceOfSatisfying(AccountNotificationSent.class, sent -> {
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.subject()).isEqualTo(sent.accountId());
        });
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void anAccountEventsDeliveryIsRetriedLikeAnyOther() {
        Delivery delivery = plannedForAnAccountEvent();
        delivery.take(T0, LEASE);
        assertThat(delivery.failed("SMTP down", true, 2, BACKOFF, T0)).isEmpty();
        delivery.take(T0.plus(BACKOFF), LEASE);

        Delivery.Ended ended = delivery.failed("SMTP down", true, 2, BACKOFF, T0.plus(BACKOFF)).orElseThrow();

        assertThat(ended.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(2);
    }

    @Test
    void theFactsSurviveTheLog() {
        Delivery delivery = planned();

        assertThat(delivery.notification(null).facts()).isEqualTo(Map.of("sessionsRevoked", "true"));
    }
}
