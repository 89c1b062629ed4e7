package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.Outbox;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.PasswordHashing;
import dev.lifeline.identity.account.PasswordPolicy;
import dev.lifeline.identity.account.WeakPasswordException;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Sets the new password at the end of a recovery, in three steps so that no transaction waits for Argon2: check
 * state and password, hash, then apply under row locks (re-checking the state, which may have changed meanwhile).
 * PasswordReset tells the gateway to revoke every session; the recovery is COMPLETED, so its token opens nothing
 * more but the phone change, and the open-recovery index guarantees it was the account's only open one.
 */
@ApplicationScoped
public class PasswordResets {

    private final TokenHolders holders;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final Outbox outbox;
    private final Audit audit;

    PasswordResets(TokenHolders holders, Accounts accounts, PasswordPolicy policy, PasswordHashing hashing,
                   Outbox outbox, Audit audit) {
        this.holders = holders;
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.outbox = outbox;
        this.audit = audit;
    }

    public void reset(UUID recoveryId, String token, String newPassword, String from) {
        try {
            QuarkusTransaction.requiringNew().run(() -> check(recoveryId, token, newPassword, Instant.now()));
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.password", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
        String newHash = hashing.hash(newPassword);
        UUID accountId = QuarkusTransaction.requiringNew().call(() -> apply(recoveryId, token, newHash, Instant.now()));
        audit.record(accountId.toString(), "recovery.password", from, "reset", "recovery", recoveryId.toString(),
                "sessionsRevoked", "true");
    }

    /** Everything that can refuse the reset, without changing anything. */
    private void check(UUID recoveryId, String token, String newPassword, Instant now) {
        Recovery recovery = openForReset(holders.find(recoveryId, token, false), now);
        Account account = accounts.findById(recovery.accountId());
        List<PasswordPolicy.Violation> weak = policy.check(newPassword, accountData(account),
                Locale.forLanguageTag(account.locale()));
        if (!weak.isEmpty()) {
            throw new WeakPasswordException("newPassword", weak);
        }
    }

    private UUID apply(UUID recoveryId, String token, String newHash, Instant now) {
        Recovery recovery = openForReset(holders.find(recoveryId, token, true), now);
        Account account = accounts.findById(recovery.accountId(), LockModeType.PESSIMISTIC_WRITE);
        List<LifelineEvent> events = recovery.resetPassword(now);
        account.changePassword(newHash, now);
        events.forEach(outbox::publish);
        return account.id();
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
        Recovery recovery = ((TokenHolders.Real) held).recovery();
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
