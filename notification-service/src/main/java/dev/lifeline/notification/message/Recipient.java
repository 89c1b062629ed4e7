package dev.lifeline.notification.message;

import dev.lifeline.events.PhoneStatus;

/**
 * How the owner of an account can be reached, as RecoveryRequested (or an account event) announced it.
 *
 * @param email  null when the account has none
 * @param phone  null when the account has none (or the event predates the field)
 * @param locale {@code zh-CN} or {@code en}
 */
public record Recipient(String email, String phone, PhoneStatus phoneStatus, String locale) {
}
