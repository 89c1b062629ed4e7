package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * How the participants may reach the owner.
 *
 * @param email  null (absent in JSON) when the account has no email address
 * @param locale {@code "zh-CN"} or {@code "en"}
 * @param phone  the bound number (6–15 digits, optionally after '+'), for notification-service's SMS channel; null
 *               (absent in JSON) when the account has none. Added to v1 additively: older events lack it.
 */
public record Contacts(String email, @JsonProperty(required = true) boolean emailVerified, PhoneStatus phoneStatus,
                       String locale, String phone) {
    public Contacts {
        Objects.requireNonNull(phoneStatus, "phoneStatus");
        Objects.requireNonNull(locale, "locale");
    }

    /** Contacts of an account without a phone number. */
    public Contacts(String email, boolean emailVerified, PhoneStatus phoneStatus, String locale) {
        this(email, emailVerified, phoneStatus, locale, null);
    }
}
