package dev.lifeline.identity.recoverycode;

import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.AccountNotFoundException;
import dev.lifeline.identity.account.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An account's saved recovery codes: issued as a set of {@value #SET_SIZE}, shown once, stored only as hashes; a new
 * set replaces the old one; each code is used once. Issuing takes the account's row lock, as every command on an
 * account does in identity-service, so two concurrent issues leave exactly one set.
 */
@ApplicationScoped
public class RecoveryCodes {

    public static final int SET_SIZE = 10;

    /** A new set, for the owner's eyes only. */
    public record IssuedSet(UUID accountId, List<String> codes, Instant issuedAt) {
        @Override
        public String toString() {
            return "IssuedSet[accountId=" + accountId + ", codes=" + codes.size() + ", issuedAt=" + issuedAt + "]";
        }
    }

    private final Accounts accounts;
    private final Outbox outbox;
    private final Audit audit;

    RecoveryCodes(Accounts accounts, Outbox outbox, Audit audit) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Replaces the account's codes with a new set and tells the owner (RecoveryCodesIssued, which carries no code).
     *
     * @param actor who asked: the gateway's or the admin's token subject
     */
    @Transactional
    public IssuedSet issue(UUID accountId, String actor, String from) {
        Account account = accounts.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            audit.record(actor, "recovery-codes.issue", from, "refused", "account", accountId.toString(),
                    "reason", "NO_SUCH_ACCOUNT");
            throw new AccountNotFoundException(accountId);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RecoveryCode.delete("accountId", accountId);
        List<String> codes = new ArrayList<>(SET_SIZE);
        for (int i = 0; i < SET_SIZE; i++) {
            String code = RecoveryCodeFormat.generate();
            codes.add(code);
            RecoveryCode.issued(accountId, hashOf(RecoveryCodeFormat.normalise(code).orElseThrow()), now).persist();
        }
        outbox.publish(new RecoveryCodesIssued(UUID.randomUUID(), accountId, now, SET_SIZE, account.contacts()));
        audit.record(actor, "recovery-codes.issue", from, "issued", "account", accountId.toString(),
                "codes", Integer.toString(SET_SIZE));
        return new IssuedSet(accountId, List.copyOf(codes), now);
    }

    /**
     * Consumes a code for a recovery, atomically: of concurrent uses of one code exactly one consumes it. The caller
     * holds the account's row lock and records the evidence in the same transaction.
     *
     * @param canonicalCode as {@link RecoveryCodeFormat#normalise} made it
     * @return whether it was an unused code of the account's current set, consumed now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean consume(UUID accountId, String canonicalCode, UUID recoveryId, Instant now) {
        return RecoveryCode.update("usedAt = ?1, usedInRecovery = ?2 "
                        + "where accountId = ?3 and codeHash = ?4 and usedAt is null",
                now.truncatedTo(ChronoUnit.MICROS), recoveryId, accountId, hashOf(canonicalCode)) == 1;
    }

    /** Whether this code was consumed by this recovery already: a repeated request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean wasUsedIn(UUID recoveryId, UUID accountId, String canonicalCode) {
        return RecoveryCode.count("accountId = ?1 and codeHash = ?2 and usedInRecovery = ?3",
                accountId, hashOf(canonicalCode), recoveryId) > 0;
    }

    /**
     * The same statement's work for a code that can match nothing (a decoy, a capped account), so that refusing it
     * costs what refusing a wrong code of a real account costs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void useNothing(String canonicalCode) {
        RecoveryCode.update("usedAt = usedAt where accountId = ?1 and codeHash = ?2 and usedAt is null",
                UUID.randomUUID(), hashOf(canonicalCode));
    }

    /** Unused codes of the account's current set. */
    public int codesLeft(UUID accountId) {
        return RecoveryCode.codesLeft(accountId);
    }

    private static String hashOf(String canonicalCode) {
        return TokenHashes.sha256(canonicalCode);
    }
}
