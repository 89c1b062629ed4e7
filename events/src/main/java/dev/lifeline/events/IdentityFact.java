package dev.lifeline.events;

/** The kinds of identity facts kyc-service can hold about an account, besides its security questions. */
public enum IdentityFact {
    ID_NUMBER, BANK_CARD, REGISTRATION
}
