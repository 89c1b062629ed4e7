package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.events.messaging.TransientFailures;
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
 * complete cancels the others ({@link PasswordResets}). Starts are rate-limited per identifier, account and
 * client address, which bounds how many there are.
 * <p>
 * Rate limits answer only for what the client sent. The identifier and client buckets depend on nothing else and
 * answer 429. The account bucket links the identifiers of one account (five starts by username, then one by
 * email), so its overflow is answered like any start, 202, with a decoy in place of a real recovery: the owner
 * gets no more alerts, and the client learns nothing. The audit line says so.
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
        String canonical = Identifiers.canonical(identifier);
        String loggedIdentifier = pseudonyms.forLog(canonical);
        Optional<UUID> accountId = TransientFailures.inNewTransaction(
                () -> accounts.findByIdentifier(identifier).map(Account::id));

        Bucket byIdentifier = new Bucket(SCOPE, "identifier", canonical, limits.perIdentifier());
        // An unknown identifier's "account" is the identifier itself, so that it counts like an account's.
        Bucket byAccount = new Bucket(SCOPE, "account", accountId.map(UUID::toString).orElse(canonical),
                limits.perAccount());
        Bucket byClient = new Bucket(SCOPE, "client", from, limits.perClient());
        List<Bucket> over = TransientFailures.inNewTransaction(
                () -> limiter.overLimit(List.of(byIdentifier, byAccount, byClient), now));
        if (over.contains(byIdentifier) || over.contains(byClient)) {
            audit.record(Audit.ANONYMOUS, "recovery.start", from, "rate-limited", "identifier", loggedIdentifier);
            throw limiter.refusal(now);
        }
        boolean accountLimited = over.contains(byAccount);
        Optional<UUID> startFor = accountLimited ? Optional.empty() : accountId;

        RecoveryTokens.Issued token = RecoveryTokens.issue();
        UUID recoveryId = UUID.randomUUID();
        Instant expiresAt = TransientFailures.inNewTransaction(() -> startFor
                .flatMap(id -> startReal(recoveryId, id, token.hash(), from, now))
                .orElseGet(() -> startDecoy(recoveryId, token.hash(), now)));
        // The audit line is the only place that says which one it was; it names the account only for a real one.
        audit.record(Audit.ANONYMOUS, "recovery.start", from, accountLimited ? "account-rate-limited" : "accepted",
                "identifier", loggedIdentifier, "recovery", recoveryId.toString(),
                "account", accountId.map(UUID::toString).orElse("none"),
                "started", startFor.isPresent() ? "recovery" : "decoy");
        return new RecoveryStarted(recoveryId, token.value(), expiresAt);
    }

    /** Empty when the account vanished since the look-up: the caller then answers with a decoy. */
    private Optional<Instant> startReal(UUID recoveryId, UUID accountId, String tokenHash, String from,
                                        Instant now) {
        // Lock order: the account first, then its recoveries (here none: a start changes no other recovery).
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
        return Optional.of(started.recovery().expiresAt());
    }

    /** The same round trips as {@link #startReal}: the look-up under lock, one insert, one outbox row. */
    private Instant startDecoy(UUID recoveryId, String tokenHash, Instant now) {
        accounts.findById(UUID.randomUUID(), LockModeType.PESSIMISTIC_WRITE);
        DecoyRecovery decoy = DecoyRecovery.create(recoveryId, tokenHash, now, config.ttl());
        decoy.persist();
        outbox.publish(decoy.started());
        return decoy.expiresAt();
    }
}
