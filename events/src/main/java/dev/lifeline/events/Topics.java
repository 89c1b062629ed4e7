package dev.lifeline.events;

import java.util.List;

/** The Kafka topics, one per producing service; versioned so a breaking change gets a new topic. */
public final class Topics {
    public static final String IDENTITY = "lifeline.identity.v1";
    public static final String EMAIL_VERIFICATION = "lifeline.email-verification.v1";
    public static final String KYC = "lifeline.kyc.v1";
    public static final String NOTIFICATION = "lifeline.notification.v1";

    /** What audit consumers subscribe to. */
    public static final List<String> ALL = List.of(IDENTITY, EMAIL_VERIFICATION, KYC, NOTIFICATION);

    private Topics() {
    }

    /** Where a consumer parks a message it can never process, so it can move on. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
