package dev.lifeline.notification.message;

import dev.lifeline.events.Contacts;
import dev.lifeline.events.PhoneStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * How the owner of an account can be reached, as RecoveryRequested (or an account event) announced it; kept with
 * a recovery ({@code recovery_recipient}) or an account ({@code account_recipient}) in the same four columns.
 *
 * @param email  null when the account has none
 * @param phone  null when the account has none (or the event predates the field)
 * @param locale {@code zh-CN} or {@code en}
 */
@Embeddable
public record Recipient(@Column(name = "email") String email,
                        @Column(name = "phone") String phone,
                        @Enumerated(EnumType.STRING) @Column(name = "phone_status", nullable = false)
                        PhoneStatus phoneStatus,
                        @Column(name = "locale", nullable = false) String locale) {

    public static Recipient of(Contacts contacts) {
        return new Recipient(contacts.email(), contacts.phone(), contacts.phoneStatus(), contacts.locale());
    }

    /** The same owner on a new, working number. */
    public Recipient withPhone(String newPhone) {
        return new Recipient(email, newPhone, PhoneStatus.ACTIVE, locale);
    }
}
