package dev.lifeline.identity.recovery.api;

import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.Outbox;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.identity.ratelimit.RateLimitConfig;
import dev.lifeline.http.ratelimit.RateLimitedException;
import dev.lifeline.http.ratelimit.RateLimiter;
import dev.lifeline.http.ratelimit.RateLimiter.Bucket;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryConfig;
import dev.lifeline.identity.recovery.RecoveryPolicyRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts recoveries: for a known identifier a real one (RecoveryRequested through the outbox), for an unknown one a
 * decoy, with the same answer, the same counters and the same database round trips.
 * <p>
 * One open recovery per account: a new request <em>supersedes</em> the open one, which is cancelled (by OWNER,
 * actor {@value #SUPERSEDED_ACTOR}) in the same transaction. The old token is never handed out again (its holder
 * may be an attacker), the owner was alerted of both, and an attacker cannot park a recovery to block the owner's.
 * Starts are rate-limited per identifier, account and client address, which bounds how often that can happen.
 * <p>
 * Timing: both paths do the same look-ups and one insert each, and every answer waits for
 * {@link RecoveryStartConfig#responseFloor()}, which absorbs what a real start costs on top (its outbox row and the
 * relay's publication of it).
 */
@ApplicationScoped
public class RecoveryStarts {

    static final String SUPERSEDED_ACTOR = "new-recovery-request";
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
        Optional<UUID> accountId = QuarkusTransaction.requiringNew()
                .call(() -> accounts.findByIdentifier(identifier).map(Account::id));
        try {
            limiter.hit(List.of(
                    new Bucket(SCOPE, "identifier", canonical, limits.perIdentifier()),
                    new Bucket(SCOPE, "account", accountId.map(UUID::toString).orElse(canonical), limits.perAccount()),
                    new Bucket(SCOPE, "client", from, limits.perClient())), now);
        } catch (RateLimitedException e) {
            audit.record(Audit.ANONYMOUS, "recovery.start", from, "rate-limited", "identifier", loggedIdentifier);
            throw e;
        }

        RecoveryTokens.Issued token = RecoveryTokens.issue();
        UUID recoveryId = UUID.randomUUID();
        Instant expiresAt = QuarkusTransaction.requiringNew().call(() -> accountId
                .flatMap(id -> startReal(recoveryId, id, token.hash(), now))
                .orElseGet(() -> startDecoy(recoveryId, token.hash(), now)));
        // The audit line is the only place that says which one it was; it names the account only for a real one.
        audit.record(Audit.ANONYMOUS, "recovery.start", from, "accepted", "identifier", loggedIdentifier,
                "recovery", recoveryId.toString(), "account", accountId.map(UUID::toString).orElse("none"));
        return new RecoveryStarted(recoveryId, token.value(), expiresAt);
    }

    /** Empty when the account vanished since the look-up: the caller then answers with a decoy. */
    private Optional<Instant> startReal(UUID recoveryId, UUID accountId, String tokenHash, Instant now) {
        // The account's row lock serialises starts for one account, so the open-recovery index never trips.
        Account account = accounts.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return Optional.empty();
        }
        Optional<Recovery> open = openRecoveryOf(accountId);
        if (open.isPresent()) {
            List<LifelineEvent> cancelled = open.get().cancel(CancelledBy.OWNER, SUPERSEDED_ACTOR,
                    "superseded by recovery " + recoveryId, now);
            cancelled.forEach(outbox::publish);
            // Hibernate inserts before it updates; the old recovery must leave the open slot first.
            Recovery.flush();
        }
        Recovery.Started started = Recovery.start(recoveryId, accountId,
                rules.policyFor(new RecoveryPolicyRules.AccountFacts(account.hasVerifiedEmail(), account.mfaEnrolled())),
                account.contacts(), tokenHash, now, config.ttl(), config.phoneChangeWindow());
        started.recovery().persist();
        outbox.publish(started.event());
        return Optional.of(started.recovery().expiresAt());
    }

    /** The same round trips as {@link #startReal} where it can be done without effect: look-ups, then one insert. */
    private Instant startDecoy(UUID recoveryId, String tokenHash, Instant now) {
        UUID nobody = UUID.randomUUID();
        accounts.findById(nobody, LockModeType.PESSIMISTIC_WRITE);
        openRecoveryOf(nobody);
        DecoyRecovery decoy = DecoyRecovery.create(recoveryId, tokenHash, now, config.ttl());
        decoy.persist();
        return decoy.expiresAt();
    }

    private static Optional<Recovery> openRecoveryOf(UUID accountId) {
        return Recovery.<Recovery>find("accountId = ?1 and state in ?2", accountId,
                        List.of(Recovery.State.AWAITING_EVIDENCE, Recovery.State.APPROVED))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
