package dev.lifeline.events;

/** Outcome of one notification; SKIPPED when the channel cannot be used (e.g. a suspended phone). */
public enum DeliveryStatus {
    SENT, SKIPPED, FAILED
}
