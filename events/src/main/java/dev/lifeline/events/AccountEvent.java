package dev.lifeline.events;

import java.util.UUID;

/**
 * An event about an account outside any recovery: what its owner set up so that the next recovery is not a dead
 * end. It carries facts about what exists, never the secrets or personal data themselves.
 */
public sealed interface AccountEvent extends LifelineEvent
        permits KycProfileChanged, RecoveryCodesIssued, AccountNotificationSent {

    UUID accountId();

    /** The account: its events stay in order on one partition. */
    @Override
    default UUID subject() {
        return accountId();
    }
}
