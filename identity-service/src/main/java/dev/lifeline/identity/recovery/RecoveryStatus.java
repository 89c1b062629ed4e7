package dev.lifeline.identity.recovery;

/**
 * The state of a recovery as the gateway, support and audit see it (docs/architecture.md, "Recovery states"), derived
 * from the stored {@link Recovery.State} and the clock by {@link Recovery#status}; commands decide on it too.
 * {@link #COOLING_OFF} and {@link #READY} are one stored state, approved, seen before and after
 * {@code resetAllowedAt}; {@link #EXPIRED} is also shown for an open recovery whose deadline has passed before
 * the scheduler has recorded it. Its ends map to a {@link Recovery.Refusal} (a participant's event) and to a
 * {@link RecoveryStateException.Reason} (a command) by exhaustive switches in {@link Recovery}.
 */
public enum RecoveryStatus {
    AWAITING_EVIDENCE,
    COOLING_OFF,
    READY,
    COMPLETED,
    CANCELLED,
    REJECTED,
    EXPIRED;

    /** Nothing more can happen to the recovery's password reset (the phone change window aside). */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
