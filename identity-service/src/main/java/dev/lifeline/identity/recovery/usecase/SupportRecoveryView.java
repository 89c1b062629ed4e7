package dev.lifeline.identity.recovery.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.Evidence;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recovery as support sees it, with its event history as published. Neither holds a secret: the recovery stores
 * only the token's hash (not shown), and events never carry passwords, tokens or full phone numbers.
 * {@code alternativeEvidence} lists the policy's other ways to approval (e.g. EMAIL + RECOVERY_CODE).
 */
public record SupportRecoveryView(UUID recoveryId, UUID accountId, RecoveryStatus status,
                                  List<Evidence> requiredEvidence, Assurance requiredAssurance,
                                  List<List<Evidence>> alternativeEvidence, List<Evidence> satisfiedEvidence, Assurance identityAssurance,
                                  Instant createdAt, Instant expiresAt, Instant resetAllowedAt, Instant completedAt,
                                  Instant phoneChangedAt, Instant endedAt, CancelledBy cancelledBy,
                                  String cancelledActor, String cancelReason, List<HistoryEntry> events) {

    /** One published event: its CloudEvents type, when it happened, and its data. */
    public record HistoryEntry(UUID eventId, String type, Instant occurredAt, JsonNode data) {
    }

    static SupportRecoveryView of(Recovery recovery, Instant now, List<HistoryEntry> events) {
        return new SupportRecoveryView(recovery.id(), recovery.accountId(), recovery.status(now),
                recovery.requiredEvidence(), recovery.requiredAssurance(), recovery.policy().alternatives(),
                recovery.satisfiedEvidence(),
                recovery.identityAssurance().orElse(null), recovery.createdAt(), recovery.expiresAt(),
                recovery.resetAllowedAt().orElse(null), recovery.completedAt().orElse(null),
                recovery.phoneChangedAt().orElse(null), recovery.endedAt().orElse(null),
                recovery.cancelledBy().orElse(null), recovery.cancelledActor().orElse(null),
                recovery.cancelReason().orElse(null), events);
    }
}
