package dev.lifeline.events;

/** Evidence a recovery can require. */
public enum Evidence {
    /** The owner proved control of the bound email address (email-verification-service). */
    EMAIL,
    /** kyc-service confirmed the owner's identity at an assurance. */
    IDENTITY,
    /** The owner typed one of the recovery codes saved beforehand (identity-service). */
    RECOVERY_CODE
}
