package dev.lifeline.identity.recovery;

import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/**
 * The recovery store, and the one lock order of identity-service: <b>an account's row first, then its recoveries'
 * rows, several in id order</b>. A transaction that changes an account and a recovery (a reset, a phone change, a
 * recovery code) takes them through {@link #lockAccountThenRecovery}, and a reset then the account's other open
 * recoveries through {@link #lockOtherOpenRecoveries}; one that changes a recovery alone (a participant's event, a
 * cancellation) takes only that row, {@link #lockAlone}, which cannot cross the order. Taking them the other way
 * round let a start and a reset of one account deadlock. Reads without a lock use {@code findById}.
 */
@ApplicationScoped
public class Recoveries implements PanacheRepositoryBase<Recovery, UUID> {

    private final Accounts accounts;

    Recoveries(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Locks what a command on a recovery changes: the account's row, then the recovery's, re-read under the lock
     * (another transaction may have changed it since it was read).
     *
     * @return the account, locked
     */
    public Account lockAccountThenRecovery(Recovery recovery) {
        Account account = accounts.findById(recovery.accountId(), LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(recovery, LockModeType.PESSIMISTIC_WRITE);
        return account;
    }

    /**
     * The account's open recoveries other than {@code completing}, locked in id order; the caller holds the
     * account's row (and {@code completing}'s), so two resets of one account never hold them crosswise.
     */
    public List<Recovery> lockOtherOpenRecoveries(Recovery completing) {
        return find("accountId = ?1 and id <> ?2 and state in ?3 order by id",
                completing.accountId(), completing.id(),
                List.of(Recovery.State.AWAITING_EVIDENCE, Recovery.State.APPROVED))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The recovery's row, locked, for a change that touches no account and no other recovery; null if none. */
    public Recovery lockAlone(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Every recovery of the account, newest first. */
    public List<Recovery> ofAccountNewestFirst(UUID accountId) {
        return list("accountId = ?1 order by createdAt desc", accountId);
    }
}
