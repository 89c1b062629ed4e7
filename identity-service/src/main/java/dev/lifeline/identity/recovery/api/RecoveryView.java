package dev.lifeline.identity.recovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.events.Evidence;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/recoveries/{id}} for the token holder. Every member is always present ({@code resetAllowedAt}
 * null until approval), so a decoy's answer has exactly the shape of a real one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecoveryView(UUID recoveryId, RecoveryStatus status, List<Evidence> requiredEvidence,
                           List<Evidence> satisfiedEvidence, Instant expiresAt, Instant resetAllowedAt) {

    static RecoveryView of(Recovery recovery, Instant now) {
        return new RecoveryView(recovery.id(), recovery.status(now), recovery.requiredEvidence(),
                recovery.satisfiedEvidence(), recovery.expiresAt(), recovery.resetAllowedAt().orElse(null));
    }

    static RecoveryView of(DecoyRecovery decoy, Instant now) {
        return new RecoveryView(decoy.id(), decoy.status(now), DecoyRecovery.REQUIRED, List.of(),
                decoy.expiresAt(), null);
    }
}
