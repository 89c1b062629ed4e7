package dev.lifeline.notification.delivery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Channel;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.NotificationSent;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Template;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A paced window's digest and the alerts it holds back, without Quarkus. */
class RecoveryDigestTest {

    private static final Instant FROM = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant UNTIL = FROM.plus(Duration.ofMinutes(15));
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Map<String, String> FACTS = Map.of("expiresAt", FROM.plus(Duration.ofDays(1)).toString());

    private static RecoveryRequested requested(Instant at) {
        return new RecoveryRequested(UUID.randomUUID(), UUID.randomUUID(), ACCOUNT, at, at.plus(Duration.ofDays(1)),
                new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.SUBSTANTIAL,
                        Duration.ofHours(24)),
                new Contacts("li.wei@example.com", true, PhoneStatus.ACTIVE, "en", "+8613800138000"), "00");
    }

    @Test
    void aDigestIsDueAtTheWindowsEndAndNamesTheLatestRequest() {
        RecoveryRequested first = requested(FROM.plusSeconds(60));
        RecoveryRequested latest = requested(FROM.plusSeconds(120));
        Delivery digest = Delivery.digest(first, 1, Channel.EMAIL, FROM, UNTIL, first.occurredAt());

        digest.joined(latest, 2);

        assertThat(digest.template()).isEqualTo(Template.RECOVERY_REQUESTS_DIGEST);
        assertThat(digest.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(digest.dueAt()).contains(UNTIL);
        assertThat(digest.recoveryId()).contains(latest.recoveryId());
        assertThat(digest.facts()).isEqualTo(Map.of("requests", "2", "from", FROM.toString(),
                "until", UNTIL.toString()));
    }

    @Test
    void aHeldBackAlertIsLoggedFinalAndPointsToItsDigest() {
        RecoveryRequested request = requested(FROM.plusSeconds(60));
        Delivery digest = Delivery.digest(request, 1, Channel.SMS, FROM, UNTIL, request.occurredAt());

        Delivery alert = Delivery.digested(request, Channel.SMS, FACTS, digest, request.occurredAt());

        assertThat(alert.status()).isEqualTo(Delivery.Status.DIGESTED);
        assertThat(alert.template()).isEqualTo(Template.RECOVERY_STARTED);
        assertThat(alert.recoveryId()).contains(request.recoveryId());
        assertThat(alert.dueAt()).as("never taken").isEmpty();
        assertThat(alert.detail()).hasValueSatisfying(detail -> assertThat(detail).contains(digest.id().toString()));
        assertThatIllegalStateException().isThrownBy(() -> alert.take(UNTIL, Duration.ofMinutes(2)));
    }

    @Test
    void aTakenDigestCanNoLongerBeJoined() {
        RecoveryRequested request = requested(FROM.plusSeconds(60));
        Delivery digest = Delivery.digest(request, 1, Channel.EMAIL, FROM, UNTIL, request.occurredAt());

        digest.take(UNTIL, Duration.ofMinutes(2));

        assertThat(digest.joinable()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> digest.joined(requested(UNTIL), 2));
    }

    @Test
    void aSentDigestIsAnnouncedForItsLatestRecovery() {
        RecoveryRequested request = requested(FROM.plusSeconds(60));
        Delivery digest = Delivery.digest(request, 1, Channel.EMAIL, FROM, UNTIL, request.occurredAt());
        digest.take(UNTIL, Duration.ofMinutes(2));

        NotificationSent sent = (NotificationSent) digest.delivered(Outcome.sent("to l*****@example.com"), UNTIL)
                .orElseThrow().announcement();

        assertThat(sent.recoveryId()).isEqualTo(request.recoveryId());
        assertThat(sent.template()).isEqualTo("recovery-requests-digest");
        assertThat(sent.causationId()).isEqualTo(Delivery.digestId(ACCOUNT, Channel.EMAIL, FROM));
    }

    @Test
    void eachAccountChannelAndWindowHasItsOwnDigest() {
        UUID digest = Delivery.digestId(ACCOUNT, Channel.EMAIL, FROM);

        assertThat(Delivery.digestId(ACCOUNT, Channel.EMAIL, FROM)).isEqualTo(digest);
        assertThat(Delivery.digestId(ACCOUNT, Channel.SMS, FROM)).isNotEqualTo(digest);
        assertThat(Delivery.digestId(ACCOUNT, Channel.EMAIL, UNTIL)).isNotEqualTo(digest);
        assertThat(Delivery.digestId(UUID.randomUUID(), Channel.EMAIL, FROM)).isNotEqualTo(digest);
    }
}
