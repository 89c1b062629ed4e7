package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.DuplicateAccountException;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.identity.phoneproof.PhoneCodes;
import dev.lifeline.identity.phoneproof.PhoneProof;
import dev.lifeline.identity.phoneproof.PhoneProofConfig;
import dev.lifeline.identity.recovery.Recoveries;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStateException;
import dev.lifeline.identity.recovery.RecoveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Binds a new phone number with the token of a completed recovery, within its phone change window: the step that
 * lets an owner whose old number is dead receive SMS again. The number is proved first (issue 22.6): {@link #request}
 * texts a code to it and answers the same whether or not another account has the number; {@link #confirm} binds it
 * with that code, and only then may say that the number is taken — to whoever holds that phone. PhoneNumberChanged
 * follows the proof.
 */
@ApplicationScoped
public class PhoneChanges {

    /** What the token holder learns when a code is on its way. */
    public record PhoneCodeSent(UUID recoveryId, String phone, Instant codeExpiresAt, int codesLeft) {
    }

    private record Requested(UUID accountId, PhoneCodeSent sent) {
    }

    private record Confirmed(UUID accountId, PhoneProof.Verdict verdict, int attemptsLeft, String phone) {
    }

    private final TokenHolders holders;
    private final Recoveries recoveries;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Audit audit;
    private final PhoneCodes codes;
    private final PhoneProofConfig config;

    PhoneChanges(TokenHolders holders, Recoveries recoveries, Accounts accounts, Outbox outbox, Audit audit,
                 PhoneCodes codes, PhoneProofConfig config) {
        this.holders = holders;
        this.recoveries = recoveries;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
        this.codes = codes;
        this.config = config;
    }

    /** Asks for a code to {@code phone}; a text is owed from now (PhoneCodeSender sends it). */
    public PhoneCodeSent request(UUID recoveryId, String token, String phone, String from) {
        String newPhone = validPhone(phone);
        try {
            Requested requested = TransientFailures.inNewTransaction(
                    () -> requestCode(recoveryId, token, newPhone, Instant.now()));
            audit.record(requested.accountId().toString(), "recovery.phone", from, "code-requested", "recovery",
                    recoveryId.toString(), "phone", Masks.phone(newPhone));
            return requested.sent();
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.phone", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
    }

    /**
     * Binds the requested number if {@code code} is the one texted to it.
     *
     * @throws ProblemException 400 for a wrong code (with the attempts left), 410 for an expired one
     */
    public void confirm(UUID recoveryId, String token, String code, String from) {
        Confirmed confirmed;
        try {
            confirmed = TransientFailures.inNewTransaction(() -> confirmCode(recoveryId, token, code, Instant.now()));
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.phone", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
        String account = confirmed.accountId().toString();
        String phone = Masks.phone(confirmed.phone());
        switch (confirmed.verdict()) {
            case PROVED -> audit.record(account, "recovery.phone", from, "changed", "recovery", recoveryId.toString(),
                    "phone", phone);
            case EXPIRED -> {
                audit.record(account, "recovery.phone", from, "code-expired", "recovery", recoveryId.toString());
                throw new ProblemException(Problem.typed("phone-code-expired", "The code has expired", 410)
                        .detail("Ask for a new code to the number."));
            }
            case WRONG, SPENT -> {
                audit.record(account, "recovery.phone", from, "code-refused", "recovery", recoveryId.toString(),
                        "attemptsLeft", Integer.toString(confirmed.attemptsLeft()));
                throw new ProblemException(Problem.typed("phone-code-refused", "The code is not valid", 400)
                        .detail(confirmed.attemptsLeft() > 0 ? "Check the code in the text to the new number."
                                : "No attempts are left for this code: ask for a new one.")
                        .with("attemptsLeft", confirmed.attemptsLeft()));
            }
            default -> throw new IllegalStateException("unknown verdict " + confirmed.verdict());
        }
    }

    private Requested requestCode(UUID recoveryId, String token, String newPhone, Instant now) {
        Recovery recovery = completedRecovery(recoveryId, token, now);
        Account account = recoveries.lockAccountThenRecovery(recovery);
        Instant windowEnds = recovery.requirePhoneChangeAllowed(now);
        PhoneProof proof = PhoneProof.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        if (proof == null) {
            proof = PhoneProof.request(recoveryId, account.id(), newPhone, account.locale(), now, windowEnds, config);
            proof.persist();
        } else {
            try {
                proof.renew(newPhone, account.locale(), now, windowEnds, config);
            } catch (PhoneProof.TooManyTextsException e) {
                throw new ProblemException(Problem.typed("too-many-phone-codes", "No more codes for this recovery", 429)
                        .detail(e.getMessage() + "; type the last code sent, or start a new recovery."));
            }
        }
        return new Requested(account.id(), new PhoneCodeSent(recoveryId, Masks.phone(newPhone), proof.expiresAt(),
                proof.textsLeft(config)));
    }

    private Confirmed confirmCode(UUID recoveryId, String token, String code, Instant now) {
        Recovery recovery = completedRecovery(recoveryId, token, now);
        Account account = recoveries.lockAccountThenRecovery(recovery);
        recovery.requirePhoneChangeAllowed(now);
        PhoneProof proof = PhoneProof.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        if (proof == null) {
            throw new RecoveryStateException(RecoveryStateException.Reason.PHONE_NOT_REQUESTED,
                    "Ask for a code to the new number first");
        }
        PhoneProof.Verdict verdict = proof.confirm(codes.hash(recoveryId, code), now, config);
        if (verdict == PhoneProof.Verdict.PROVED) {
            String newPhone = proof.phone();
            if (accounts.count("phone = ?1 and id <> ?2", newPhone, account.id()) > 0) {
                // Told only now, to whoever proved they hold the number; changes nothing.
                throw new DuplicateAccountException(List.of("phone"));
            }
            List<LifelineEvent> events = recovery.changePhone(newPhone, now);
            account.changePhone(newPhone);
            proof.delete();
            events.forEach(outbox::publish);
        }
        return new Confirmed(account.id(), verdict, proof.attemptsLeft(config), proof.phone());
    }

    /**
     * The token's recovery if its password was reset through it. Anything else is refused before any lock, with the
     * same round trips as a decoy's refusal, and changes nothing.
     */
    private Recovery completedRecovery(UUID recoveryId, String token, Instant now) {
        TokenHolders.Held held = holders.find(recoveryId, token);
        if (held instanceof TokenHolders.Decoy decoy) {
            throw decoy.decoy().refusePhoneChange(now);
        }
        Recovery recovery = ((TokenHolders.Real) held).recovery();
        if (recovery.status(now) != RecoveryStatus.COMPLETED) {
            recovery.requirePhoneChangeAllowed(now);
            throw new IllegalStateException("a phone change allowed in " + recovery.status(now));
        }
        return recovery;
    }

    private static String validPhone(String phone) {
        try {
            return Identifiers.requirePhone(phone);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The phone number is not valid.",
                    List.of(new Violation("phone", e.getMessage().replaceFirst("^phone ", "")))));
        }
    }
}
