package dev.lifeline.identity.testing;

import dev.lifeline.events.PhoneStatus;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Accounts stored directly (as the admin API would store them), each with identifiers no other test uses. */
@ApplicationScoped
public class TestAccounts {

    /** A stored account and its password in clear, which only a test knows. */
    public record Owner(UUID id, String username, String email, String phone, String password) {
    }

    private final PasswordHasher hasher;

    TestAccounts(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** An account with a verified email, a dead phone and no MFA: the product's main case. */
    public Owner create() {
        return create(true, false);
    }

    public Owner create(boolean emailVerified, boolean mfaEnrolled) {
        return createWithHash(emailVerified, mfaEnrolled, null);
    }

    /** @param passwordHash null to hash the generated password with the current parameters */
    @Transactional
    public Owner createWithHash(boolean emailVerified, boolean mfaEnrolled, String passwordHash) {
        String username = Api.uniqueName("owner");
        String email = username + "@example.com";
        String phone = "+86" + (13_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String password = passwordHash == null ? strongPassword() : "tangerine-lantern-47-orbit";
        Account account = Account.create(UUID.randomUUID(), username, email, emailVerified, phone,
                PhoneStatus.SUSPENDED, "zh-CN", mfaEnrolled,
                passwordHash == null ? hasher.hash(password) : passwordHash, Instant.now());
        account.persist();
        return new Owner(account.id(), username, email, phone, password);
    }

    @Transactional
    public Account find(UUID id) {
        return Account.findById(id);
    }

    @Transactional
    public long countByUsername(String username) {
        return Account.count("lower(username) = lower(?1)", username);
    }

    @Transactional
    public long countByEmailLike(String pattern) {
        return Account.count("email like ?1", pattern);
    }

    /** Long, random and without account data: the policy accepts it. */
    public static String strongPassword() {
        return "violet-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "-harbour-Q7";
    }
}
