package dev.lifeline.events;

/** Whether the account's bound phone can still receive messages. */
public enum PhoneStatus {
    ACTIVE, SUSPENDED
}
