package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.identity.authentication.InvalidCredentialsException;
import dev.lifeline.identity.authentication.PasswordCheck;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.identity.recovery.Recoveries;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStateException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stops a recovery: the owner, who proves the current password (the "was this you?" alert is for exactly this), or
 * support with a reason. The owner's path answers every mismatch (unknown recovery, a decoy, another account's
 * recovery, a wrong password) with the same 401 after the same Argon2 work; support's path may say 404.
 */
@ApplicationScoped
public class RecoveryCancellations {

    /** The actor RecoveryCancelled names for the owner: never the password, nor an identifier. */
    static final String OWNER_ACTOR = "owner";

    private final PasswordCheck passwords;
    private final Recoveries recoveries;
    private final Outbox outbox;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    RecoveryCancellations(PasswordCheck passwords, Recoveries recoveries, Outbox outbox, Audit audit,
                          Pseudonyms pseudonyms) {
        this.passwords = passwords;
        this.recoveries = recoveries;
        this.outbox = outbox;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /**
     * The right password of an account that does not own the recovery (someone else's, a decoy's, none) is a wrong
     * password: the same work, the same 401, counted as a failure by the password check. Otherwise this would check
     * passwords outside the gateway's login, unthrottled.
     */
    public void byOwner(UUID recoveryId, String identifier, String password, String from) {
        String loggedIdentifier = pseudonyms.forLog(Identifiers.canonical(identifier));
        Optional<Account> owner = passwords.verify(identifier, password, from,
                account -> ownsRecovery(account.id(), recoveryId));
        boolean cancelled;
        try {
            cancelled = owner.isPresent() && QuarkusTransaction.requiringNew().call(() ->
                    cancel(recoveryId, owner.get().id(), CancelledBy.OWNER, OWNER_ACTOR, null, Instant.now()));
        } catch (RecoveryStateException e) {
            audit.record(owner.get().id().toString(), "recovery.cancel", from, "refused", "by", "OWNER",
                    "recovery", recoveryId.toString(), "reason", e.reason().name());
            throw e;
        }
        if (!cancelled) {
            audit.record(Audit.ANONYMOUS, "recovery.cancel", from, "refused", "recovery", recoveryId.toString(),
                    "identifier", loggedIdentifier);
            throw new InvalidCredentialsException();
        }
        audit.record(owner.get().id().toString(), "recovery.cancel", from, "cancelled", "by", "OWNER",
                "recovery", recoveryId.toString());
    }

    private boolean ownsRecovery(UUID accountId, UUID recoveryId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Recovery recovery = recoveries.findById(recoveryId);
            return recovery != null && accountId.equals(recovery.accountId());
        });
    }

    public void bySupport(UUID recoveryId, String agent, String reason, String from) {
        boolean cancelled;
        try {
            cancelled = QuarkusTransaction.requiringNew().call(() ->
                    cancel(recoveryId, null, CancelledBy.SUPPORT, agent, reason, Instant.now()));
        } catch (RecoveryStateException e) {
            audit.record(agent, "recovery.cancel", from, "refused", "by", "SUPPORT", "recovery", recoveryId.toString(),
                    "reason", e.reason().name());
            throw e;
        }
        if (!cancelled) {
            audit.record(agent, "recovery.cancel", from, "not-found", "by", "SUPPORT", "recovery", recoveryId.toString());
            throw new ProblemException(Problem.of(404, "Not Found").detail("There is no such recovery."));
        }
        audit.record(agent, "recovery.cancel", from, "cancelled", "by", "SUPPORT", "recovery", recoveryId.toString());
    }

    /**
     * @param accountId the account the owner proved, or null for support
     * @return false when there is no such recovery (of that account)
     * @throws dev.lifeline.identity.recovery.RecoveryStateException when it is no longer open
     */
    private boolean cancel(UUID recoveryId, UUID accountId, CancelledBy by, String actor, String reason, Instant now) {
        Recovery recovery = recoveries.lockAlone(recoveryId);
        if (recovery == null || (accountId != null && !accountId.equals(recovery.accountId()))) {
            return false;
        }
        List<LifelineEvent> events = recovery.cancel(by, actor, reason, now);
        events.forEach(outbox::publish);
        return true;
    }
}
