package dev.lifeline.identity.recovery.usecase;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code 202} to {@code POST /api/v1/recoveries}, real or decoy alike. The token is shown once, here, and never
 * stored.
 */
public record RecoveryStarted(UUID recoveryId, String recoveryToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "RecoveryStarted[recoveryId=" + recoveryId + "]";
    }
}
