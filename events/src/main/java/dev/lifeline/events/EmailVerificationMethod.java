package dev.lifeline.events;

/** How the owner proved control of the email address. */
public enum EmailVerificationMethod {
    CODE, LINK
}
