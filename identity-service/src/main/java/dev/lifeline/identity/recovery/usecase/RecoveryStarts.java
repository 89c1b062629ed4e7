package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.ratelimit.RateLimiter;
import dev.lifeline.http.ratelimit.RateLimiter.Bucket;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.identity.ratelimit.RateLimitConfig;
import dev.lifeline.identity.recovery.DecoyRecovery;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryConfig;
import dev.lifeline.identity.recovery.RecoveryPolicyRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts recoveries: for a known identifier a real one (RecoveryRequested through the outbox), for an unknown one a
 * decoy (RecoveryDecoyStarted through the outbox), with the same answer, the same counters and the same database
 * round trips (a look-up under lock, one insert, one outbox row).
 * <p>
 * A start never changes another recovery: several open recoveries of one account coexist, and the first to
 * complete cancels the others ({@link PasswordResets}).
 * <p>
 * <b>Slowed, never silenced.</b> Starts are not failures, and what a stranger does with the owner's username must
 * not decide whether the owner's own start works. So starts are limited only per client address (a 429 about what
 * that client did, the same for every identifier); a start of a real account is always a real recovery. What
 * strangers' starts could inflict on the owner — code mails and alerts — is bounded where it is sent: the
 * email-verification-service paces code mails per address and digests the rest, the notification-service paces
 * recovery-requested alerts per account and digests the rest. (Until 2026-12-07 the sixth start of an account in 15
 * minutes became a decoy and a fourth by one identifier a 429: five requests by anyone silenced the owner.)
 * <p>
 * Timing: both paths do the same work, and every answer waits for {@link RecoveryStartConfig#responseFloor()},
 * which absorbs what remains (e.g. reading the account's row).
 */
@ApplicationScoped
public class RecoveryStarts {

    private static final String SCOPE = "recovery-start";

    private final Accounts accounts;
    private final RecoveryPolicyRules rules;
    private final RecoveryConfig config;
    private final Outbox outbox;
    private final RateLimiter limiter;
    private final RateLimitConfig.Limits limits;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    RecoveryStarts(Accounts accounts, RecoveryPolicyRules rules, RecoveryConfig config, Outbox outbox,
                   RateLimiter limiter, RateLimitConfig rateLimits, Audit audit, Pseudonyms pseudonyms) {
        this.accounts = accounts;
        this.rules = rules;
        this.config = config;
        this.outbox = outbox;
        this.limiter = limiter;
        this.limits = rateLimits.recoveryStarts();
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /** The caller holds every answer, rate-limited ones too, until {@link RecoveryStartConfig#responseFloor()}. */
    public RecoveryStarted start(String identifier, String from) {
        Instant now = Instant.now();
        String loggedIdentifier = pseudonyms.forLog(Identifiers.canonical(identifier));
        Optional<UUID> accountId = TransientFailures.inNewTransaction(
                () -> accounts.findByIdentifier(identifier).map(Account::id));

        Bucket byClient = new Bucket(SCOPE, "client", from, limits.perClient());
        if (!TransientFailures.inNewTransaction(() -> limiter.overLimit(List.of(byClient), now)).isEmpty()) {
            audit.record(Audit.ANONYMOUS, "recovery.start", from, "rate-limited", "identifier", loggedIdentifier);
            throw limiter.refusal(now);
        }

        RecoveryTokens.Issued token = RecoveryTokens.issue();
        UUID recoveryId = UUID.randomUUID();
        Begun begun = TransientFailures.inNewTransaction(() -> accountId
                .flatMap(id -> startReal(recoveryId, id, token.hash(), from, now))
                .orElseGet(() -> startDecoy(recoveryId, token.hash(), now)));
        // The audit line is the only place that says which one it was; it names the account only for a real one.
        audit.record(Audit.ANONYMOUS, "recovery.start", from, "accepted",
                "identifier", loggedIdentifier, "recovery", recoveryId.toString(),
                "account", begun.account().map(UUID::toString).orElse("none"),
                "started", begun.account().isPresent() ? "recovery" : "decoy");
        return new RecoveryStarted(recoveryId, token.value(), begun.expiresAt());
    }

    /** What a start began: a real recovery of {@code account}, or a decoy (empty). */
    private record Begun(Instant expiresAt, Optional<UUID> account) {
    }

    /** Empty when the account vanished since the look-up: the caller then answers with a decoy. */
    private Optional<Begun> startReal(UUID recoveryId, UUID accountId, String tokenHash, String from,
                                      Instant now) {
        // Lock order (Recoveries): the account first, then its recoveries (here none: a start changes no other one).
        Account account = accounts.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return Optional.empty();
        }
        Recovery.Started started = Recovery.start(recoveryId, accountId,
                rules.policyFor(new RecoveryPolicyRules.AccountFacts(account.hasVerifiedEmail(), account.mfaEnrolled())),
                account.contacts(), tokenHash, now, config.ttl(), config.phoneChangeWindow());
        started.recovery().persist();
        // Where it came from, so that the owner's "was this you?" can say it; the network, never the address.
        outbox.publish(started.event().from(ClientAddress.network(from)));
        return Optional.of(new Begun(started.recovery().expiresAt(), Optional.of(accountId)));
    }

    /** The same round trips as {@link #startReal}: the look-up under lock, one insert, one outbox row. */
    private Begun startDecoy(UUID recoveryId, String tokenHash, Instant now) {
        accounts.findById(UUID.randomUUID(), LockModeType.PESSIMISTIC_WRITE);
        DecoyRecovery decoy = DecoyRecovery.create(recoveryId, tokenHash, now, config.ttl());
        decoy.persist();
        outbox.publish(decoy.started());
        return new Begun(decoy.expiresAt(), Optional.empty());
    }
}
