package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.ratelimit.FailureThrottle;
import dev.lifeline.identity.recovery.Recoveries;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;
import dev.lifeline.identity.recoverycode.RecoveryCodes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/recoveries/{id}/recovery-code}: a saved recovery code as RECOVERY_CODE evidence.
 * <p>
 * Guessing is throttled like passwords (the kit's {@link FailureThrottle}, scope {@value #SCOPE}): failures count
 * per recovery and client address, per client address and per account, so an attacker's guesses slow down the
 * attacker's address, and only past the account's hard cap the account (for at most the current delay); the owner's
 * right code from an address that has not been failing gets through. A decoy takes the same path (its "account" is
 * itself) and refuses every code with the same words, the same work and behind the same floor as a real recovery
 * refusing a wrong one. A code is consumed in the transaction that records the evidence, under the account's row
 * lock: of two concurrent requests with one code, one counts and the other is refused.
 */
@ApplicationScoped
public class RecoveryCodeEvidence {

    static final String SCOPE = "recovery-code";

    private final TokenHolders holders;
    private final Recoveries recoveries;
    private final RecoveryCodes codes;
    private final FailureThrottle throttle;
    private final Outbox outbox;
    private final Audit audit;

    RecoveryCodeEvidence(TokenHolders holders, Recoveries recoveries, RecoveryCodes codes, FailureThrottle throttle,
                         Outbox outbox, Audit audit) {
        this.holders = holders;
        this.recoveries = recoveries;
        this.codes = codes;
        this.throttle = throttle;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * @param canonicalCode the code as {@code RecoveryCodeFormat.normalise} made it
     * @return the recovery's status now that the code counted (READY with the email verified)
     * @throws InvalidRecoveryCodeException when it does not count
     */
    public RecoveryStatus submit(UUID recoveryId, String token, String canonicalCode, String from) {
        try {
            String accountKey = TransientFailures.inNewTransaction(() -> accountKeyOf(recoveryId, token, Instant.now()));
            FailureThrottle.Attempt attempt = throttle.attempt(SCOPE, recoveryId.toString(), from, accountKey,
                    Instant.now());
            RecoveryStatus status = TransientFailures.inNewTransaction(
                    () -> apply(recoveryId, token, canonicalCode, attempt.accountBlocked(), Instant.now()))
                    .orElseThrow(InvalidRecoveryCodeException::new);
            throttle.succeeded(attempt);
            audit.record(Audit.ANONYMOUS, "recovery.recovery-code", from, "accepted", "recovery",
                    recoveryId.toString());
            return status;
        } catch (RuntimeException e) {
            audit.record(Audit.ANONYMOUS, "recovery.recovery-code", from, "refused", "recovery", recoveryId.toString(),
                    "reason", Refusals.reasonOf(e));
            throw e;
        }
    }

    /**
     * The throttle's account key, after the refusals of the recovery's state (which count no failure): the account
     * for a real recovery, the decoy itself for a decoy.
     */
    private String accountKeyOf(UUID recoveryId, String token, Instant now) {
        TokenHolders.Held held = holders.find(recoveryId, token);
        if (held instanceof TokenHolders.Decoy decoy) {
            decoy.decoy().requireAwaitingEvidence(now);
            return "recovery:" + recoveryId;
        }
        Recovery recovery = ((TokenHolders.Real) held).recovery();
        requireAwaitingEvidence(recovery, now);
        return "account:" + recovery.accountId();
    }

    /** The recovery's status if the code counted; empty changes nothing. */
    private Optional<RecoveryStatus> apply(UUID recoveryId, String token, String canonicalCode, boolean accountBlocked,
                                           Instant now) {
        TokenHolders.Held held = holders.find(recoveryId, token);
        if (held instanceof TokenHolders.Decoy decoy) {
            decoy.decoy().requireAwaitingEvidence(now);
            codes.useNothing(canonicalCode);
            return Optional.empty();
        }
        Recovery recovery = ((TokenHolders.Real) held).recovery();
        recoveries.lockAccountThenRecovery(recovery);
        requireAwaitingEvidence(recovery, now); // again, under the locks
        if (!accountBlocked && codes.wasUsedIn(recoveryId, recovery.accountId(), canonicalCode)) {
            return Optional.of(recovery.status(now)); // a repeated request: it counted the first time
        }
        if (accountBlocked || !recovery.acceptsRecoveryCode()) {
            codes.useNothing(canonicalCode); // answered as a wrong code, consuming nothing
            return Optional.empty();
        }
        if (!codes.consume(recovery.accountId(), canonicalCode, recoveryId, now)) {
            return Optional.empty();
        }
        List<LifelineEvent> events = recovery.recoveryCodeUsed(codes.codesLeft(recovery.accountId()), now);
        events.forEach(outbox::publish);
        return Optional.of(recovery.status(now));
    }

    /** A completed recovery's token is dead here as everywhere but the phone change: 404. */
    private static void requireAwaitingEvidence(Recovery recovery, Instant now) {
        if (recovery.status(now) == RecoveryStatus.COMPLETED) {
            throw new RecoveryNotFoundException();
        }
        recovery.requireAwaitingEvidence(now);
    }
}
