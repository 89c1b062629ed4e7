package dev.lifeline.identity.account;

import dev.lifeline.events.Contacts;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.privacy.Masks;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An account and its password credential. Username, email and phone are each unique where present (the email
 * and username case-insensitively); {@link Identifiers} says how a login identifier is read as one of them.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    /** The locales notifications are written in. */
    public static final Set<String> LOCALES = Set.of("zh-CN", "en");
    public static final String DEFAULT_LOCALE = "zh-CN";

    @Id
    private UUID id;

    /** As registered (trimmed, NFKC); unique case-insensitively. */
    @Column(name = "username", nullable = false)
    private String username;

    /** As registered (trimmed); unique case-insensitively; null when the account has none. */
    @Column(name = "email")
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    /** Normalised ({@link Identifiers#normalisePhone}); null when the account has none. */
    @Column(name = "phone")
    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(name = "phone_status", nullable = false)
    private PhoneStatus phoneStatus;

    @Column(name = "locale", nullable = false)
    private String locale;

    @Column(name = "mfa_enrolled", nullable = false)
    private boolean mfaEnrolled;

    /** A PHC-format Argon2id string from {@link PasswordHasher}; never a password. */
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA. */
    protected Account() {
    }

    /**
     * A new account. Inputs are validated and normalised here so that no other path can store a malformed one.
     *
     * @param email       null for none; then {@code emailVerified} must be false
     * @param phone       null for none; an account without a phone has phone status SUSPENDED (it receives nothing)
     * @param phoneStatus null for ACTIVE when a phone is given
     * @param locale      null for {@value #DEFAULT_LOCALE}
     */
    public static Account create(UUID id, String username, String email, boolean emailVerified, String phone,
                                 PhoneStatus phoneStatus, String locale, boolean mfaEnrolled, String passwordHash,
                                 Instant now) {
        Account account = new Account();
        account.id = Objects.requireNonNull(id, "id");
        account.username = Identifiers.requireUsername(username);
        account.email = email == null ? null : Identifiers.requireEmail(email);
        if (account.email == null && emailVerified) {
            throw new IllegalArgumentException("An account without email cannot have a verified email");
        }
        account.emailVerified = emailVerified;
        account.phone = phone == null ? null : Identifiers.requirePhone(phone);
        account.phoneStatus = account.phone == null
                ? PhoneStatus.SUSPENDED
                : Objects.requireNonNullElse(phoneStatus, PhoneStatus.ACTIVE);
        account.locale = requireLocale(locale == null ? DEFAULT_LOCALE : locale);
        account.mfaEnrolled = mfaEnrolled;
        account.passwordHash = requireHash(passwordHash);
        account.createdAt = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
        account.passwordChangedAt = account.createdAt;
        return account;
    }

    /** A new password chosen by the owner (after a recovery); the second factor, if any, stays enrolled. */
    public void changePassword(String newPasswordHash, Instant now) {
        passwordHash = requireHash(newPasswordHash);
        passwordChangedAt = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
    }

    /** The same password hashed with current parameters, after a successful login; not a password change. */
    public void upgradePasswordHash(String rehashed) {
        passwordHash = requireHash(rehashed);
    }

    /** Binds a new number, which can receive messages again. */
    public void changePhone(String newPhone) {
        phone = Identifiers.requirePhone(newPhone);
        phoneStatus = PhoneStatus.ACTIVE;
    }

    /** How participants may reach the owner, as RecoveryRequested carries it. */
    public Contacts contacts() {
        return new Contacts(email, emailVerified, phoneStatus, locale, phone);
    }

    public boolean hasVerifiedEmail() {
        return email != null && emailVerified;
    }

    /** The phone with at most its last four digits visible, for events and support screens. */
    public Optional<String> maskedPhone() {
        return phone().map(Masks::phone);
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public boolean emailVerified() {
        return emailVerified;
    }

    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    public PhoneStatus phoneStatus() {
        return phoneStatus;
    }

    public String locale() {
        return locale;
    }

    public boolean mfaEnrolled() {
        return mfaEnrolled;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    private static String requireLocale(String locale) {
        if (!LOCALES.contains(locale)) {
            throw new IllegalArgumentException("locale must be one of " + LOCALES);
        }
        return locale;
    }

    private static String requireHash(String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            // Guards against storing a password where its hash belongs.
            throw new IllegalArgumentException("passwordHash must be an Argon2 PHC string");
        }
        return hash;
    }
}
