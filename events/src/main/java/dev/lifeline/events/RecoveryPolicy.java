package dev.lifeline.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What this recovery demands, decided once by identity-service when it starts.
 *
 * @param coolingOff delay between approval and the allowed reset, so the real owner can still cancel
 */
public record RecoveryPolicy(List<Evidence> required, Assurance assurance, Duration coolingOff) {
    public RecoveryPolicy {
        required = List.copyOf(Objects.requireNonNull(required, "required"));
        Objects.requireNonNull(assurance, "assurance");
        Objects.requireNonNull(coolingOff, "coolingOff");
    }
}
