package dev.lifeline.events;

/** Where a notification went. */
public enum Channel {
    EMAIL, SMS, WEBHOOK
}
