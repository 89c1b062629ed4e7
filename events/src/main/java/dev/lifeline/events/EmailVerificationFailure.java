package dev.lifeline.events;

/** Why email verification can no longer succeed. */
public enum EmailVerificationFailure {
    EXPIRED, TOO_MANY_ATTEMPTS
}
