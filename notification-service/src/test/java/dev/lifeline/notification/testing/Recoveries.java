package dev.lifeline.notification.testing;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.EventReference;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryApproved;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Recoveries as identity-service announces them, each test's own, published on the real identity topic with
 * CloudEvents headers.
 */
public final class Recoveries {

    /** A recovery whose owner the tests play; {@code phone} is the full number the SMS provider receives. */
    public record TestRecovery(UUID recoveryId, UUID accountId, String email, String phone, PhoneStatus phoneStatus,
                               String locale) {
    }

    private static final String TOKEN_HASH = "9d7b2172e13e31dd9c72862a6130b0ce017da302d4c1083c0ef579b711a2421c";

    private Recoveries() {
    }

    /** A recovery started for an account with an address and a phone, in the locale. */
    public static TestRecovery started(String locale, PhoneStatus phoneStatus) {
        TestRecovery recovery = new TestRecovery(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID() + "@example.org", "138" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)),
                phoneStatus, locale);
        publish(requested(recovery));
        return recovery;
    }

    /** Another recovery of the same account (same owner, same contacts) started, e.g. by a stranger. */
    public static TestRecovery startedAgain(TestRecovery recovery) {
        TestRecovery again = new TestRecovery(UUID.randomUUID(), recovery.accountId(), recovery.email(),
                recovery.phone(), recovery.phoneStatus(), recovery.locale());
        publish(requested(again));
        return again;
    }

    /** The seed's situation: the phone is out of service. */
    public static TestRecovery started(String locale) {
        return started(locale, PhoneStatus.SUSPENDED);
    }

    public static RecoveryRequested requested(TestRecovery recovery) {
        Instant now = Instant.now();
        return new RecoveryRequested(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), now,
                now.plus(Duration.ofHours(24)),
                new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.SUBSTANTIAL, Duration.ofHours(24)),
                new Contacts(recovery.email(), true, recovery.phoneStatus(), recovery.locale(), recovery.phone()),
                TOKEN_HASH);
    }

    /** A decoy: identity-service's answer to an unknown identifier. */
    public static UUID decoy() {
        UUID recoveryId = UUID.randomUUID();
        Instant now = Instant.now();
        publish(new RecoveryDecoyStarted(UUID.randomUUID(), recoveryId, now, now.plus(Duration.ofHours(24)), TOKEN_HASH));
        return recoveryId;
    }

    public static RecoveryApproved approved(TestRecovery recovery, Duration coolingOff) {
        Instant now = Instant.now();
        return publish(new RecoveryApproved(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), now,
                List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.SUBSTANTIAL, now.plus(coolingOff)));
    }

    /** Approved by EMAIL + RECOVERY_CODE, one of a policy's alternatives: no identity proofing, so no assurance. */
    public static RecoveryApproved approvedWithoutIdentityProofing(TestRecovery recovery, Duration coolingOff) {
        Instant now = Instant.now();
        return publish(new RecoveryApproved(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), now,
                List.of(Evidence.EMAIL, Evidence.RECOVERY_CODE), null, now.plus(coolingOff)));
    }

    /** A saved recovery code counted as evidence for the recovery; {@code codesLeft} of the set remain. */
    public static RecoveryCodeUsed codeUsed(TestRecovery recovery, int codesLeft) {
        return publish(new RecoveryCodeUsed(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), codesLeft));
    }

    public static PasswordReset passwordReset(TestRecovery recovery) {
        return publish(new PasswordReset(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(),
                true));
    }

    public static RecoveryCancelled cancelled(TestRecovery recovery, CancelledBy by) {
        return publish(new RecoveryCancelled(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), by, by == CancelledBy.SUPPORT ? "agent.li" : recovery.accountId().toString()));
    }

    public static RecoveryExpired expired(TestRecovery recovery) {
        return publish(new RecoveryExpired(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now()));
    }

    public static RecoveryRejected rejected(TestRecovery recovery) {
        return publish(new RecoveryRejected(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), new EventReference(EventType.IDENTITY_REJECTED.eventName(), UUID.randomUUID())));
    }

    public static PhoneNumberChanged phoneChanged(TestRecovery recovery, String maskedPhone) {
        return publish(new PhoneNumberChanged(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), maskedPhone));
    }

    /** The owner bound {@code newPhone}, announced masked and in full, as identity-service does. */
    public static PhoneNumberChanged phoneBound(TestRecovery recovery, String newPhone) {
        return publish(new PhoneNumberChanged(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(),
                Instant.now(), "*******" + newPhone.substring(newPhone.length() - 4), newPhone));
    }

    public static <E extends LifelineEvent> E publish(E event) {
        KafkaTestClient.forApplication().publish(event);
        return event;
    }
}
