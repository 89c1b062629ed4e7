package dev.lifeline.events;

/**
 * Where a notification went: the owner's mailbox and phone, the gateway's push channel, and the relying parties
 * that receive Shared Signals (Security Event Tokens).
 */
public enum Channel {
    EMAIL, SMS, WEBHOOK, SHARED_SIGNALS
}
