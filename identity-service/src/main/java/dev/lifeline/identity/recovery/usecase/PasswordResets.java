package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.PasswordHashing;
import dev.lifeline.identity.account.PasswordPolicy;
import dev.lifeline.identity.account.WeakPasswordException;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.identity.recovery.Recoveries;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Sets the new password at the end of a recovery, in steps so that no transaction waits for the strength estimator
 * or Argon2: check the state, then the password, hash, then apply under row locks (re-checking the state, which may have changed meanwhile).
 * PasswordReset tells the gateway to revoke every session; the recovery is COMPLETED, so its token opens nothing
 * more but the phone change. The first recovery of an account to complete cancels the account's other open ones in
 * the same transaction (RecoveryCancelled by SYSTEM), so that every other outstanding token dies with the reset.
 * <p>
 * Locks follow {@link Recoveries}' order (the account, the completing recovery, then the others by id); a deadlock
 * or serialization failure that still happens is retried, not answered with a 500.
 */
@ApplicationScoped
public class PasswordResets {

    private final TokenHolders holders;
    private final Recoveries recoveries;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final Outbox outbox;
    private final Audit audit;

    PasswordResets(TokenHolders holders, Recoveries recoveries, Accounts accounts, PasswordPolicy policy,
                   PasswordHashing hashing, Outbox outbox, Audit audit) {
        this.holders = holders;
        this.recoveries = recoveries;
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What the reset changed: the account, and the other recoveries it cancelled. */
    private record Completed(UUID accountId, List<UUID> cancelled) {
    }

    public void reset(UUID recoveryId, String token, String newPassword, String from) {
        try {
            // The strength estimator may take up to its bound: it runs after the transaction, holding no connection.
            Candidate candidate = TransientFailures.inNewTransaction(() -> check(recoveryId, token, Instant.now()));
            List<PasswordPolicy.Violation> weak = policy.check(newPassword, candidate.accountData(), candidate.locale());
            if (!weak.isEmpty()) {
                throw new WeakPasswordException("newPassword", weak);
            }
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.password", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
        String newHash = hashing.hash(newPassword);
        Completed completed;
        try {
            completed = TransientFailures.inNewTransaction(() -> apply(recoveryId, token, newHash, Instant.now()));
        } catch (RuntimeException e) {
            // The state changed between check and apply (e.g. support cancelled it meanwhile).
            audit.record(Audit.ANONYMOUS, "recovery.password", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
        audit.record(completed.accountId().toString(), "recovery.password", from, "reset",
                "recovery", recoveryId.toString(), "sessionsRevoked", "true");
        for (UUID other : completed.cancelled()) {
            audit.record(Audit.SYSTEM, "recovery.cancel", from, "cancelled", "by", "SYSTEM",
                    "recovery", other.toString(), "cause", "recovery " + recoveryId + " completed");
        }
    }

    /** What the password policy needs to know of the account whose password is about to change. */
    private record Candidate(List<String> accountData, Locale locale) {
    }

    /** Everything in the database that can refuse the reset, without changing anything. */
    private Candidate check(UUID recoveryId, String token, Instant now) {
        Recovery recovery = openForReset(holders.find(recoveryId, token), now);
        Account account = accounts.findById(recovery.accountId());
        return new Candidate(accountData(account), Locale.forLanguageTag(account.locale()));
    }

    private Completed apply(UUID recoveryId, String token, String newHash, Instant now) {
        Recovery recovery = openForReset(holders.find(recoveryId, token), now);
        Account account = recoveries.lockAccountThenRecovery(recovery);
        requireReady(recovery, now); // again, under the locks
        List<LifelineEvent> events = new ArrayList<>(recovery.resetPassword(now));
        account.changePassword(newHash, now);
        List<UUID> cancelled = new ArrayList<>();
        for (Recovery other : recoveries.lockOtherOpenRecoveries(recovery)) {
            List<LifelineEvent> ended = other.cancelSinceAnotherCompleted(recovery, now);
            if (!ended.isEmpty()) {
                cancelled.add(other.id());
            }
            events.addAll(ended);
        }
        events.forEach(outbox::publish);
        return new Completed(account.id(), cancelled);
    }

    /**
     * The recovery, if its token may still reset the password; otherwise the refusal a real recovery in that state
     * gives (a decoy answers as one awaiting evidence). A completed recovery's token is dead: 404, as for any
     * wrong token.
     */
    private static Recovery openForReset(TokenHolders.Held held, Instant now) {
        if (held instanceof TokenHolders.Decoy decoy) {
            throw decoy.decoy().refuseReset(now);
        }
        return requireReady(((TokenHolders.Real) held).recovery(), now);
    }

    private static Recovery requireReady(Recovery recovery, Instant now) {
        RecoveryStatus status = recovery.status(now);
        if (status == RecoveryStatus.COMPLETED) {
            throw new RecoveryNotFoundException();
        }
        if (status != RecoveryStatus.READY) {
            recovery.resetPassword(now); // refuses with the state's own reason, changing nothing
            throw new IllegalStateException("resetPassword accepted a recovery in " + status);
        }
        return recovery;
    }

    private static List<String> accountData(Account account) {
        List<String> data = new ArrayList<>(3);
        data.add(account.username());
        account.email().ifPresent(data::add);
        account.phone().ifPresent(data::add);
        return data;
    }
}
