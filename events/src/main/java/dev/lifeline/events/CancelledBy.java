package dev.lifeline.events;

/** Who stopped a recovery. */
public enum CancelledBy {
    OWNER,
    SUPPORT,
    /** identity-service itself: another recovery of the account completed first. */
    SYSTEM
}
