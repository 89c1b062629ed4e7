package dev.lifeline.events;

/** Level of confidence in the owner's identity (after eIDAS / NIST assurance levels). */
public enum Assurance {
    SUBSTANTIAL, HIGH
}
