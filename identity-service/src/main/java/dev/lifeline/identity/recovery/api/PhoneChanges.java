package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.Outbox;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.DuplicateAccountException;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.events.messaging.TransientFailures;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Binds a new phone number with the token of a completed recovery, within its phone change window: the step that
 * lets an owner whose old number is dead receive SMS again. PhoneNumberChanged carries the number masked.
 */
@ApplicationScoped
public class PhoneChanges {

    private final TokenHolders holders;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Audit audit;

    PhoneChanges(TokenHolders holders, Accounts accounts, Outbox outbox, Audit audit) {
        this.holders = holders;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
    }

    public void change(UUID recoveryId, String token, String phone, String from) {
        String newPhone;
        try {
            newPhone = Identifiers.requirePhone(phone);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The phone number is not valid.",
                    List.of(new Violation("phone", e.getMessage().replaceFirst("^phone ", "")))));
        }
        try {
            UUID accountId = TransientFailures.inNewTransaction(
                    () -> apply(recoveryId, token, newPhone, Instant.now()));
            audit.record(accountId.toString(), "recovery.phone", from, "changed", "recovery", recoveryId.toString(),
                    "phone", Masks.phone(newPhone));
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.phone", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
    }

    private UUID apply(UUID recoveryId, String token, String newPhone, Instant now) {
        TokenHolders.Held held = holders.find(recoveryId, token);
        if (held instanceof TokenHolders.Decoy decoy) {
            throw decoy.decoy().refusePhoneChange(now);
        }
        Recovery recovery = ((TokenHolders.Real) held).recovery();
        if (recovery.status(now) != RecoveryStatus.COMPLETED) {
            // Refused before any lock, with the same round trips as a decoy's refusal; changes nothing.
            recovery.changePhone(newPhone, now);
            throw new IllegalStateException("changePhone accepted a recovery in " + recovery.status(now));
        }
        Account account = holders.lockAccountThenRecovery(recovery);
        List<LifelineEvent> events = recovery.changePhone(newPhone, now);
        if (accounts.count("phone = ?1 and id <> ?2", newPhone, account.id()) > 0) {
            throw new DuplicateAccountException(List.of("phone"));
        }
        account.changePhone(newPhone);
        events.forEach(outbox::publish);
        return account.id();
    }
}
