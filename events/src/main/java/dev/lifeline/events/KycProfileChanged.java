package dev.lifeline.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * kyc-service's profile of an account was created, changed or erased: what identity proofing could ask for, counted
 * and named, never the content. identity-service keeps it as the readiness check-up's projection.
 *
 * @param securityQuestions how many security questions are on file (0 when erased)
 * @param facts             which other facts are on file, in enum order (empty when erased)
 */
public record KycProfileChanged(UUID eventId, UUID accountId, Instant occurredAt, int securityQuestions,
                                List<IdentityFact> facts) implements AccountEvent {
    public KycProfileChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (securityQuestions < 0) {
            throw new IllegalArgumentException("securityQuestions must not be negative: " + securityQuestions);
        }
        facts = List.copyOf(Objects.requireNonNull(facts, "facts"));
    }
}
