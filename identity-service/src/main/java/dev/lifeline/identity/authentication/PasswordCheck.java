package dev.lifeline.identity.authentication;

import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.identity.account.PasswordHashing;
import dev.lifeline.identity.ratelimit.RateLimitConfig;
import dev.lifeline.http.ratelimit.RateLimitedException;
import dev.lifeline.http.ratelimit.RateLimiter;
import dev.lifeline.http.ratelimit.RateLimiter.Bucket;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Proves that a caller knows an account's password, for logins and for owners cancelling a recovery. Both count
 * against the same limits (per identifier, per account, per client address), so neither is a second oracle.
 * <p>
 * An unknown identifier takes the same path: the same look-up, the same counters (its account counter keyed by
 * the identifier instead) and an Argon2 verification against a dummy hash, so status, body and timing match a
 * wrong password; the resources hold every refusal until {@link PasswordCheckConfig#refusalFloor()}, which absorbs what the
 * two paths cannot make equal (reading the account's row). The limits slow guessing down without locking the
 * owner out: each window ends by itself.
 */
@ApplicationScoped
public class PasswordCheck {

    static final String SCOPE = "password";

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final RateLimiter limiter;
    private final RateLimitConfig.Limits limits;

    PasswordCheck(Accounts accounts, PasswordHashing hashing, RateLimiter limiter, RateLimitConfig config) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.limiter = limiter;
        this.limits = config.passwordChecks();
    }

    /**
     * The account whose password this is; empty for a wrong password and an unknown identifier alike.
     *
     * @throws dev.lifeline.http.ratelimit.RateLimitedException before any Argon2 work, when over a limit
     */
    public Optional<Account> verify(String identifier, String password, String clientAddress) {
        Optional<Account> account = QuarkusTransaction.requiringNew().call(() -> accounts.findByIdentifier(identifier));
        String canonical = Identifiers.canonical(identifier);
        limiter.hit(List.of(
                new Bucket(SCOPE, "identifier", canonical, limits.perIdentifier()),
                new Bucket(SCOPE, "account", account.map(a -> a.id().toString()).orElse(canonical), limits.perAccount()),
                new Bucket(SCOPE, "client", clientAddress, limits.perClient())), Instant.now());
        if (account.isEmpty()) {
            hashing.verifyUnknown(password);
            return Optional.empty();
        }
        if (!hashing.verify(password, account.get().passwordHash())) {
            return Optional.empty();
        }
        if (hashing.needsRehash(account.get().passwordHash())) {
            upgrade(account.get(), password);
        }
        return account;
    }

    /** New parameters for the same password; skipped if the password changed meanwhile. */
    private void upgrade(Account verified, String password) {
        String rehashed = hashing.hash(password);
        QuarkusTransaction.requiringNew().run(() -> {
            Account current = accounts.findById(verified.id());
            if (current != null && current.passwordHash().equals(verified.passwordHash())) {
                current.upgradePasswordHash(rehashed);
            }
        });
    }
}
