package dev.lifeline.identity.recovery.usecase;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.events.Evidence;
import dev.lifeline.identity.recovery.DecoyRecovery;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/recoveries/{id}} for the token holder. Every member is always present ({@code resetAllowedAt}
 * null until approval), so a decoy's answer has exactly the shape of a real one.
 * <p>
 * {@code requiredEvidence} is the same for every recovery, {@link #SHOWN_REQUIRED_EVIDENCE}: the account's real
 * policy (IDENTITY alone without a verified email, HIGH assurance with MFA) would tell an anonymous client which
 * kind of account an identifier belongs to, and that a decoy is none. The policy stays inside identity-service,
 * in RecoveryRequested and in support's view.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecoveryView(UUID recoveryId, RecoveryStatus status, List<Evidence> requiredEvidence,
                           List<Evidence> satisfiedEvidence, Instant expiresAt, Instant resetAllowedAt) {

    /** What every recovery, real or decoy, shows as required: the policy of the most common real recovery. */
    static final List<Evidence> SHOWN_REQUIRED_EVIDENCE = List.of(Evidence.EMAIL, Evidence.IDENTITY);

    static RecoveryView of(Recovery recovery, Instant now) {
        return new RecoveryView(recovery.id(), recovery.status(now), SHOWN_REQUIRED_EVIDENCE,
                recovery.satisfiedEvidence(), recovery.expiresAt(), recovery.resetAllowedAt().orElse(null));
    }

    static RecoveryView of(DecoyRecovery decoy, Instant now) {
        return new RecoveryView(decoy.id(), decoy.status(now), SHOWN_REQUIRED_EVIDENCE, List.of(),
                decoy.expiresAt(), null);
    }
}
