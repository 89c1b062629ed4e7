package dev.lifeline.events;

/** Evidence a recovery can require. */
public enum Evidence {
    EMAIL, IDENTITY
}
