package dev.lifeline.kyc.profile;

/** The kinds of identity facts a profile holds and an identity check asks for. */
public enum Fact {
    SECURITY_QUESTIONS, ID_NUMBER, BANK_CARD, REGISTRATION
}
