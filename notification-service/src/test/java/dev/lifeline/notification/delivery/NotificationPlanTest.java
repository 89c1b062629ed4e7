package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryApproved;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.notification.message.Template;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which event tells the owner what, without Quarkus. */
class NotificationPlanTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:15:30Z");
    private static final UUID RECOVERY = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void aNewSetOfCodesIsToldWithHowManyAndNothingElse() {
        RecoveryCodesIssued issued = new RecoveryCodesIssued(UUID.randomUUID(), ACCOUNT, T0, 10,
                new Contacts("li.wei@example.com", true, PhoneStatus.ACTIVE, "zh-CN", "+8613800138000"));

        assertThat(NotificationPlan.told(issued)).hasValueSatisfying(told -> {
            assertThat(told.template()).isEqualTo(Template.RECOVERY_CODES_ISSUED);
            assertThat(told.facts()).isEqualTo(Map.of("codes", "10"));
        });
    }

    @Test
    void aUsedCodeWithCodesLeftTellsNothing() {
        RecoveryCodeUsed used = new RecoveryCodeUsed(UUID.randomUUID(), RECOVERY, ACCOUNT, T0, 3);

        assertThat(NotificationPlan.told(used)).isEmpty();
    }

    @Test
    void theLastCodeUsedTellsTheOwnerTheyHaveNoneLeft() {
        RecoveryCodeUsed used = new RecoveryCodeUsed(UUID.randomUUID(), RECOVERY, ACCOUNT, T0, 0);

        assertThat(NotificationPlan.told(used)).hasValueSatisfying(told ->
                assertThat(told.template()).isEqualTo(Template.RECOVERY_CODES_USED_UP));
    }

    @Test
    void anApprovalWithoutIdentityProofingIsToldLikeAnyApproval() {
        RecoveryApproved approved = new RecoveryApproved(UUID.randomUUID(), RECOVERY, ACCOUNT, T0,
                List.of(Evidence.EMAIL, Evidence.RECOVERY_CODE), null, T0.plus(Duration.ofHours(24)));

        assertThat(NotificationPlan.told(approved)).hasValueSatisfying(told -> {
            assertThat(told.template()).isEqualTo(Template.RECOVERY_APPROVED);
            assertThat(told.facts()).containsEntry("coolingOff", "true");
        });
    }

    @Test
    void onlyTheRecoveryStartedAlertsToAPersonArePaced() {
        for (Template template : Template.values()) {
            for (Channel channel : Channel.values()) {
                boolean human = channel == Channel.EMAIL || channel == Channel.SMS;
                assertThat(NotificationPlan.paced(template, channel)).as("%s on %s", template, channel)
                        .isEqualTo(template == Template.RECOVERY_STARTED && human);
            }
        }
    }
}
