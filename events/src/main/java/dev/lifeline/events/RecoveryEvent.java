package dev.lifeline.events;

import java.util.UUID;

/**
 * An event of the account-recovery saga. Every one names its recovery; every one but the decoys'
 * ({@link RecoveryDecoyStarted}, {@link DecoyEmailVerificationFailed} and {@link DecoyIdentityRejected}), which
 * stand for no account, also has an {@code accountId}.
 */
public sealed interface RecoveryEvent extends LifelineEvent
        permits RecoveryRequested, RecoveryApproved, EmailVerified, EmailVerificationFailed, IdentityConfirmed,
        IdentityRejected, PasswordReset, RecoveryCancelled, RecoveryRejected, RecoveryExpired, PhoneNumberChanged,
        NotificationSent, RecoveryDecoyStarted, DecoyEmailVerificationFailed, DecoyIdentityRejected,
        RecoveryCodeUsed {

    /** The recovery this event belongs to. */
    UUID recoveryId();

    /** The recovery: its events stay in order on one partition. */
    @Override
    default UUID subject() {
        return recoveryId();
    }
}
