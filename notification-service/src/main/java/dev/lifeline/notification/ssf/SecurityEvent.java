package dev.lifeline.notification.ssf;

import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Template;

import java.util.List;
import java.util.Map;

/**
 * The OpenID Shared Signals events this service transmits, and which notification says which. A SET carries
 * exactly one event (SSF 1.0), so a password change, which both changes a credential and ends every session, is two.
 * Payloads hold timestamps and kinds only: the subject is the SET's {@code sub_id}, never an address.
 */
public enum SecurityEvent {
    /** RISC: an account recovery started. */
    RECOVERY_ACTIVATED("https://schemas.openid.net/secevent/risc/event-type/recovery-activated"),
    /** CAEP: the password was replaced. */
    CREDENTIAL_CHANGE("https://schemas.openid.net/secevent/caep/event-type/credential-change"),
    /** CAEP: every session of the account ended with the reset (PasswordReset's sessionsRevoked). */
    SESSION_REVOKED("https://schemas.openid.net/secevent/caep/event-type/session-revoked"),
    /** RISC: what recovers the account changed: the phone number, or the saved recovery codes (a new set). */
    RECOVERY_INFORMATION_CHANGED("https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed");

    private final String uri;

    SecurityEvent(String uri) {
        this.uri = uri;
    }

    /** The event type URI, the key in the SET's {@code events} claim. */
    public String uri() {
        return uri;
    }

    /** The events a notification is signalled as; empty for templates no relying party needs to act on. */
    public static List<SecurityEvent> signalling(Template template) {
        return switch (template) {
            case RECOVERY_STARTED -> List.of(RECOVERY_ACTIVATED);
            case PASSWORD_CHANGED -> List.of(CREDENTIAL_CHANGE, SESSION_REVOKED);
            case PHONE_CHANGED, RECOVERY_CODES_ISSUED -> List.of(RECOVERY_INFORMATION_CHANGED);
            default -> List.of();
        };
    }

    /** The event's members; CAEP's {@code event_timestamp} is a NumericDate (seconds). */
    Map<String, Object> payload(Notification notification) {
        long at = notification.occurredAt().getEpochSecond();
        return switch (this) {
            case CREDENTIAL_CHANGE -> Map.of("credential_type", "password", "change_type", "update", "event_timestamp", at);
            case SESSION_REVOKED -> Map.of("event_timestamp", at);
            case RECOVERY_ACTIVATED, RECOVERY_INFORMATION_CHANGED -> Map.of();
        };
    }
}
