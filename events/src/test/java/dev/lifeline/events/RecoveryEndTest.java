package dev.lifeline.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryEndTest {

    /** Every event type whose golden example ends its recovery. */
    private static final Set<EventType> ENDINGS = EnumSet.of(EventType.PASSWORD_RESET, EventType.RECOVERY_CANCELLED,
            EventType.RECOVERY_REJECTED, EventType.RECOVERY_EXPIRED, EventType.DECOY_IDENTITY_REJECTED,
            EventType.DECOY_EMAIL_VERIFICATION_FAILED);

    @Test
    void theTerminalTypesAreIdentityServicesFourEndingsOfARealRecovery() {
        assertThat(RecoveryEnd.TERMINAL_TYPES).containsExactlyInAnyOrder(EventType.PASSWORD_RESET,
                EventType.RECOVERY_CANCELLED, EventType.RECOVERY_REJECTED, EventType.RECOVERY_EXPIRED);
        assertThat(RecoveryEnd.TERMINAL_TYPES).allSatisfy(type -> {
            assertThat(type.source()).isEqualTo("/lifeline/identity-service");
            assertThat(RecoveryEvent.class).isAssignableFrom(type.recordClass());
        });
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aTerminalEventOrADecoysExhaustionEndsItsRecoveryAndNothingElseDoes(EventType type) {
        LifelineEvent example = EventJson.read(type, EventRoundTripTest.resource(type.exampleResource()));

        if (example instanceof RecoveryEvent event) {
            assertThat(RecoveryEnd.endsRecovery(event)).as(type.eventName()).isEqualTo(ENDINGS.contains(type));
        } else {
            assertThat(ENDINGS).doesNotContain(type);
        }
    }

    @Test
    void aDecoysEmailChallengeEndsItOnlyWhenItsAttemptsAreExhausted() {
        UUID decoy = UUID.randomUUID();

        assertThat(RecoveryEnd.endsRecovery(new DecoyEmailVerificationFailed(UUID.randomUUID(), decoy, Instant.now(),
                EmailVerificationFailure.TOO_MANY_ATTEMPTS))).isTrue();
        assertThat(RecoveryEnd.endsRecovery(new DecoyEmailVerificationFailed(UUID.randomUUID(), decoy, Instant.now(),
                EmailVerificationFailure.EXPIRED))).isFalse();
    }
}
