package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.EventType;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * identity-service's topic also carries what concerns no identity check: account events (recovery codes issued)
 * and evidence of other kinds (a recovery code used). They change nothing here and hold nothing up.
 */
@KycTest
class AccountEventsTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aRecoveryCodesIssuedChangesNothingAndDoesNotHoldUpTheNextEvent() {
        UUID account = Profiles.stored();
        TestRecovery open = Recoveries.of(account, Assurance.SUBSTANTIAL);
        RecoveryCodesIssued issued = new RecoveryCodesIssued(UUID.randomUUID(), account, Instant.now(), 10,
                new Contacts(null, false, PhoneStatus.SUSPENDED, "en"));

        Recoveries.publish(issued);
        // Its start queues behind the codes on their partition, so this returns only once they were consumed.
        Recoveries.behind(account, account, Assurance.SUBSTANTIAL);

        assertThat(recordedByTheInbox(issued.eventId())).as("consumed and recorded, not dead-lettered").isTrue();
        assertThat(Recoveries.find(account)).as("no check keyed by the account").isNull();
        assertThat(Recoveries.find(open.recoveryId()).state()).isEqualTo(IdentityCheck.State.OPEN);
        assertThat(PublishedEvents.decidedTypes(open.recoveryId())).isEmpty();
        assertThat(PublishedEvents.decidedTypes(account)).as("nothing about the account but its profile")
                .allMatch(EventType.KYC_PROFILE_CHANGED.ceType()::equals);
    }

    @Test
    void aRecoveryCodeUsedLeavesTheRecoverysCheckAsItWas() {
        TestRecovery recovery = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        RecoveryCodeUsed used = new RecoveryCodeUsed(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), 9);

        Recoveries.publish(used);

        await().atMost(Duration.ofSeconds(20)).until(() -> recordedByTheInbox(used.eventId()));
        IdentityCheck check = Recoveries.find(recovery.recoveryId());
        assertThat(check.state()).isEqualTo(IdentityCheck.State.OPEN);
        assertThat(check.attemptsLeft()).isEqualTo(3);
        assertThat(PublishedEvents.decidedTypes(recovery.recoveryId())).isEmpty();
    }

    private boolean recordedByTheInbox(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM inbox_processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).intValue() == 1);
    }
}
