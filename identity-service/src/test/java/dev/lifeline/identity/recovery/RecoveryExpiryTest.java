package dev.lifeline.identity.recovery;

import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestRecoveries;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IdentityTest
class RecoveryExpiryTest {

    @Inject
    SagaTestRecoveries saga;

    @Inject
    TestRecoveries recoveries;

    @Test
    void recoveryPastItsDeadlineIsExpiredByTheScheduler() {
        Recovery recovery = saga.start(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> state(recovery) == Recovery.State.EXPIRED);
    }

    @Test
    void expiryIsPublishedAsASchemaValidRecoveryExpired() {
        Recovery recovery = saga.start(Duration.ofSeconds(1));

        EventSchemas.assertValid(EventType.RECOVERY_EXPIRED,
                IdentityTopic.eventOf(recovery.id(), EventType.RECOVERY_EXPIRED).value());
    }

    @Test
    void recoveryBeforeItsDeadlineStaysOpen() {
        Recovery open = saga.start(Duration.ofHours(1));
        Recovery due = saga.start(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> state(due) == Recovery.State.EXPIRED);
        assertThat(state(open)).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    @Test
    void expiryIsAuditedAsTheSystemsNeverTheOwners() {
        try (LogLines audit = LogLines.audit()) {
            Recovery recovery = saga.start(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(audit.containing("what=recovery.expire", "recovery=" + recovery.id()))
                            .singleElement().satisfies(line -> assertThat(line)
                                    .contains("who=system", "outcome=expired")
                                    .doesNotContain("who=" + recovery.accountId())));
        }
    }

    private Recovery.State state(Recovery recovery) {
        return recoveries.find(recovery.id()).state();
    }
}
