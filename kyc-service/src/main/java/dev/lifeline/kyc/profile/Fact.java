package dev.lifeline.kyc.profile;

import dev.lifeline.events.IdentityFact;

import java.util.Optional;

/** The kinds of identity facts a profile holds and an identity check asks for. */
public enum Fact {
    SECURITY_QUESTIONS, ID_NUMBER, BANK_CARD, REGISTRATION;

    /**
     * The fact's name in the published language; none for the security questions, which {@code KycProfileChanged}
     * counts instead of naming, because a profile holds several and how many matters to the readiness check-up.
     */
    Optional<IdentityFact> published() {
        return switch (this) {
            case SECURITY_QUESTIONS -> Optional.empty();
            case ID_NUMBER -> Optional.of(IdentityFact.ID_NUMBER);
            case BANK_CARD -> Optional.of(IdentityFact.BANK_CARD);
            case REGISTRATION -> Optional.of(IdentityFact.REGISTRATION);
        };
    }
}
