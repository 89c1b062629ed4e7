package dev.lifeline.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the envelope needs to know about each event: its record class, {@code ce_type}, topic and
 * {@code ce_source}. The topic follows the producing service, so each service publishes to exactly one topic.
 */
public enum EventType {
    RECOVERY_REQUESTED(RecoveryRequested.class, Producer.IDENTITY),
    RECOVERY_APPROVED(RecoveryApproved.class, Producer.IDENTITY),
    EMAIL_VERIFIED(EmailVerified.class, Producer.EMAIL_VERIFICATION),
    EMAIL_VERIFICATION_FAILED(EmailVerificationFailed.class, Producer.EMAIL_VERIFICATION),
    DECOY_EMAIL_VERIFICATION_FAILED(DecoyEmailVerificationFailed.class, Producer.EMAIL_VERIFICATION),
    IDENTITY_CONFIRMED(IdentityConfirmed.class, Producer.KYC),
    IDENTITY_REJECTED(IdentityRejected.class, Producer.KYC),
    DECOY_IDENTITY_REJECTED(DecoyIdentityRejected.class, Producer.KYC),
    PASSWORD_RESET(PasswordReset.class, Producer.IDENTITY),
    RECOVERY_CANCELLED(RecoveryCancelled.class, Producer.IDENTITY),
    RECOVERY_REJECTED(RecoveryRejected.class, Producer.IDENTITY),
    RECOVERY_EXPIRED(RecoveryExpired.class, Producer.IDENTITY),
    PHONE_NUMBER_CHANGED(PhoneNumberChanged.class, Producer.IDENTITY),
    RECOVERY_DECOY_STARTED(RecoveryDecoyStarted.class, Producer.IDENTITY),
    RECOVERY_CODE_USED(RecoveryCodeUsed.class, Producer.IDENTITY),
    RECOVERY_CODES_ISSUED(RecoveryCodesIssued.class, Producer.IDENTITY),
    KYC_PROFILE_CHANGED(KycProfileChanged.class, Producer.KYC),
    NOTIFICATION_SENT(NotificationSent.class, Producer.NOTIFICATION),
    ACCOUNT_NOTIFICATION_SENT(AccountNotificationSent.class, Producer.NOTIFICATION);

    /** The producing services and their topics. */
    private enum Producer {
        IDENTITY("identity-service", Topics.IDENTITY),
        EMAIL_VERIFICATION("email-verification-service", Topics.EMAIL_VERIFICATION),
        KYC("kyc-service", Topics.KYC),
        NOTIFICATION("notification-service", Topics.NOTIFICATION);

        final String service;
        final String topic;

        Producer(String service, String topic) {
            this.service = service;
            this.topic = topic;
        }
    }

    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.recordClass, Function.identity()));
    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

    private final Class<? extends LifelineEvent> recordClass;
    private final Producer producer;

    EventType(Class<? extends LifelineEvent> recordClass, Producer producer) {
        this.recordClass = recordClass;
        this.producer = producer;
    }

    public Class<? extends LifelineEvent> recordClass() {
        return recordClass;
    }

    /** The event's name as used in {@code ce_type} and the resource file names, e.g. {@code RecoveryRequested}. */
    public String eventName() {
        return recordClass.getSimpleName();
    }

    /** CloudEvents {@code type}; the version suffix changes only for a breaking change. */
    public String ceType() {
        return "dev.lifeline." + eventName() + ".v1";
    }

    public String topic() {
        return producer.topic;
    }

    /** CloudEvents {@code source}: the producing service. */
    public String source() {
        return "/lifeline/" + producer.service;
    }

    /** Classpath location of the event's JSON Schema. */
    public String schemaResource() {
        return "lifeline/schemas/" + eventName() + ".v1.schema.json";
    }

    /** Classpath location of the event's golden example. */
    public String exampleResource() {
        return "lifeline/examples/" + eventName() + ".v1.json";
    }

    public static EventType of(Class<? extends LifelineEvent> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            // Only reachable if a record is added to LifelineEvent's permits without an EventType.
            throw new IllegalArgumentException("No EventType for " + recordClass.getName());
        }
        return type;
    }

    /** Empty for a type this version does not know, which a consumer dead-letters or ignores. */
    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }
}
