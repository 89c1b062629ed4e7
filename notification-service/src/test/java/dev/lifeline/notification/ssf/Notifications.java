package dev.lifeline.notification.ssf;

import dev.lifeline.events.PhoneStatus;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Recipient;
import dev.lifeline.notification.message.Template;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Notifications as the delivery worker hands them over, with contact data that must never reach a SET. */
final class Notifications {

    static final String EMAIL = "owner@example.com";
    static final String PHONE = "+8613800138000";
    static final Instant OCCURRED_AT = Instant.parse("2026-12-02T08:15:30Z");

    private Notifications() {
    }

    static Notification of(Template template) {
        return new Notification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                OCCURRED_AT, template, new Recipient(EMAIL, PHONE, PhoneStatus.ACTIVE, "en"),
                Map.of("maskedPhone", "+86 138****8000"));
    }

    /** An account event's, about no recovery (recovery codes issued). */
    static Notification ofAccountEvent(Template template) {
        return new Notification(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), OCCURRED_AT, template,
                new Recipient(EMAIL, PHONE, PhoneStatus.ACTIVE, "en"), Map.of("codes", "10"));
    }
}
