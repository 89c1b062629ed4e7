package dev.lifeline.events;

/** Whether kyc-service decided alone or a support review decided. */
public enum IdentityCheckMethod {
    AUTOMATED, MANUAL
}
