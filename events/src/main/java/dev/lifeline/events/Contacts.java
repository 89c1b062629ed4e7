package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * How the participants may reach the owner.
 *
 * @param email  null (absent in JSON) when the account has no email address
 * @param locale {@code "zh-CN"} or {@code "en"}
 */
public record Contacts(String email, @JsonProperty(required = true) boolean emailVerified, PhoneStatus phoneStatus,
                       String locale) {
    public Contacts {
        Objects.requireNonNull(phoneStatus, "phoneStatus");
        Objects.requireNonNull(locale, "locale");
    }
}
