package dev.lifeline.events;

/** Who stopped a recovery. */
public enum CancelledBy {
    OWNER, SUPPORT
}
