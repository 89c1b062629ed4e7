package dev.lifeline.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryPolicyTest {

    private static final RecoveryPolicy WITH_CODES = new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY),
            Assurance.SUBSTANTIAL, Duration.ofHours(24), List.of(List.of(Evidence.EMAIL, Evidence.RECOVERY_CODE)));

    @Test
    void withoutAlternativesOnlyTheRequiredEvidenceCounts() {
        RecoveryPolicy plain = new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.HIGH,
                Duration.ZERO);

        assertThat(plain.alternatives()).isEmpty();
        assertThat(plain.accepts(Evidence.RECOVERY_CODE)).isFalse();
        assertThat(WITH_CODES.accepts(Evidence.RECOVERY_CODE)).isTrue();
    }

    @Test
    void anAlternativeOfOneKindOfEvidenceIsRefused() {
        assertThatThrownBy(() -> new RecoveryPolicy(List.of(Evidence.IDENTITY), Assurance.HIGH, Duration.ZERO,
                List.of(List.of(Evidence.RECOVERY_CODE, Evidence.RECOVERY_CODE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two kinds");
    }

    @Test
    void anOlderEventWithoutAlternativesReadsAsNone() {
        String json = """
                {"eventId":"8c3d1f0a-2b4e-4f6a-9c8d-1e2f3a4b5c6d","recoveryId":"0b9f6c2e-4f1a-4c53-9d3e-7a8b2c1d5e60",
                 "accountId":"5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13","occurredAt":"2025-03-14T09:26:53.589Z",
                 "expiresAt":"2025-03-15T09:26:53.589Z",
                 "policy":{"required":["EMAIL","IDENTITY"],"assurance":"HIGH","coolingOff":"PT0S"},
                 "contacts":{"emailVerified":true,"phoneStatus":"SUSPENDED","locale":"en"},
                 "recoveryTokenHash":"9d7b2172e13e31dd9c72862a6130b0ce017da302d4c1083c0ef579b711a2421c"}""";

        RecoveryRequested event = (RecoveryRequested) EventJson.read(EventType.RECOVERY_REQUESTED, json);

        assertThat(event.policy().alternatives()).isEmpty();
        assertThat(EventJson.write(event)).doesNotContain("alternatives");
    }
}
