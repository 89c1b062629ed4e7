package dev.lifeline.notification.message;

/**
 * What the owner (and the relying parties) are told; one per event that notifies. The name is the stable
 * identifier in the delivery log, in NotificationSent and in the template files
 * ({@code templates/<channel>/<name>-<locale>.*}).
 */
public enum Template {
    /** A recovery of the account started: if it was not you, cancel it. */
    RECOVERY_STARTED("recovery-started"),
    /** The evidence is complete; the reset becomes possible at resetAllowedAt (a cooling-off), and how to stop it. */
    RECOVERY_APPROVED("recovery-approved"),
    /** The password was changed and every session ended. */
    PASSWORD_CHANGED("password-changed"),
    RECOVERY_CANCELLED("recovery-cancelled"),
    RECOVERY_EXPIRED("recovery-expired"),
    RECOVERY_REJECTED("recovery-rejected"),
    /** A new phone number was bound after the recovery. */
    PHONE_CHANGED("phone-changed"),
    /** The owner saved a new set of recovery codes (no recovery): the earlier set is void; if it was not you, act. */
    RECOVERY_CODES_ISSUED("recovery-codes-issued"),
    /** A recovery used the last saved recovery code: generate a new set once signed in. */
    RECOVERY_CODES_USED_UP("recovery-codes-used-up"),
    /**
     * The recovery-started alerts a window held back (paced, issue 22.7): how many more recoveries were requested
     * between its start and end, and the same advice. Told by no event: it goes on the channel whose alerts it
     * gathers, so it has no route.
     */
    RECOVERY_REQUESTS_DIGEST("recovery-requests-digest", false);

    private final String id;
    private final boolean routed;

    Template(String id) {
        this(id, true);
    }

    Template(String id, boolean routed) {
        this.id = id;
        this.routed = routed;
    }

    /** Whether an event tells it on configured channels ({@code lifeline.notifications.routes.<id>}). */
    public boolean routed() {
        return routed;
    }

    /** The stable name, e.g. {@code password-changed}. */
    public String id() {
        return id;
    }
}
