package dev.lifeline.identity.authentication;

import dev.lifeline.http.ratelimit.FailureThrottle;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.identity.account.PasswordHashing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Proves that a caller knows an account's password, for logins and for owners cancelling a recovery. Both go
 * through the same {@link FailureThrottle} (scope {@value #SCOPE}), so neither is a second oracle: failures count
 * per identifier and client address, per client address and per account, with growing delays, and someone else's
 * failures never stop the owner's right password from an address that has not been failing.
 * <p>
 * An unknown identifier takes the same path: the same look-up, the same counters (its account counter keyed by
 * the identifier instead) and an Argon2 verification against a dummy hash, so status, body and timing match a
 * wrong password; the resources hold every refusal until {@link PasswordCheckConfig#refusalFloor()}, which absorbs
 * what the two paths cannot make equal (reading the account's row). While an account's own cap holds, a check is
 * answered as a wrong password without looking at the password (see FailureThrottle for why not 429).
 */
@ApplicationScoped
public class PasswordCheck {

    static final String SCOPE = "password";

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final FailureThrottle throttle;

    PasswordCheck(Accounts accounts, PasswordHashing hashing, FailureThrottle throttle) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.throttle = throttle;
    }

    /**
     * The account whose password this is; empty for a wrong password and an unknown identifier alike.
     *
     * @throws dev.lifeline.http.ratelimit.RateLimitedException before any Argon2 work, when this identifier from
     *                                                          this address, or this address, must wait
     */
    public Optional<Account> verify(String identifier, String password, String clientAddress) {
        return verify(identifier, password, clientAddress, account -> true);
    }

    /**
     * As {@link #verify(String, String, String)}, but a right password on an account that fails
     * {@code alsoRequired} is a failure: answered and counted as a wrong password, after the same work.
     */
    public Optional<Account> verify(String identifier, String password, String clientAddress,
                                    Predicate<Account> alsoRequired) {
        Optional<Account> account = QuarkusTransaction.requiringNew().call(() -> accounts.findByIdentifier(identifier));
        String canonical = Identifiers.canonical(identifier);
        FailureThrottle.Attempt attempt = throttle.attempt(SCOPE, canonical, clientAddress,
                accountKey(account, canonical), Instant.now());
        if (account.isEmpty() || attempt.accountBlocked()) {
            hashing.verifyUnknown(password);
            return Optional.empty();
        }
        // Asked whatever the password, so that a wrong password and a right one that fails it do the same work.
        boolean required = alsoRequired.test(account.get());
        if (!hashing.verify(password, account.get().passwordHash()) || !required) {
            return Optional.empty(); // already counted
        }
        throttle.succeeded(attempt);
        if (hashing.needsRehash(account.get().passwordHash())) {
            upgrade(account.get(), password);
        }
        return account;
    }

    /** The failures counted now for this identifier from this address; for tests and support tools. */
    public FailureThrottle.Failures failures(String identifier, String clientAddress) {
        Optional<Account> account = QuarkusTransaction.requiringNew().call(() -> accounts.findByIdentifier(identifier));
        String canonical = Identifiers.canonical(identifier);
        return throttle.failures(SCOPE, canonical, clientAddress, accountKey(account, canonical));
    }

    /** An unknown identifier's "account": prefixed, so that no identifier can name a real account's counter. */
    private static String accountKey(Optional<Account> account, String canonical) {
        return account.map(a -> "account:" + a.id()).orElse("identifier:" + canonical);
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
