package dev.lifeline.identity.account;

import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Creates an account: formats checked with {@link Identifiers}, the password with {@link PasswordPolicy}, hashed
 * outside the transaction (Argon2 is slow and needs no connection), then stored if no other account has the same
 * username, email or phone. The unique indexes settle races the look-up cannot.
 */
@ApplicationScoped
public class AccountRegistration {

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final Audit audit;

    AccountRegistration(Accounts accounts, PasswordPolicy policy, PasswordHashing hashing, Audit audit) {
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.audit = audit;
    }

    public UUID register(CreateAccountRequest request, String admin, String from) {
        List<Violation> violations = new ArrayList<>();
        String username = valid("username", request.username(), Identifiers::requireUsername, violations);
        String email = request.email() == null ? null : valid("email", request.email(), Identifiers::requireEmail, violations);
        String phone = request.phone() == null ? null : valid("phone", request.phone(), Identifiers::requirePhone, violations);
        boolean emailVerified = Boolean.TRUE.equals(request.emailVerified());
        if (emailVerified && request.email() == null) {
            violations.add(new Violation("emailVerified", "can only be true with an email"));
        }
        if (!violations.isEmpty()) {
            audit.record(admin, "account.create", from, "invalid");
            throw new ProblemException(
                    InputProblemMappers.invalidRequest("The account is not valid.", violations));
        }
        String locale = Objects.requireNonNullElse(request.locale(), Account.DEFAULT_LOCALE);
        List<PasswordPolicy.Violation> weak = policy.check(request.password(),
                accountData(username, email, phone), Locale.forLanguageTag(locale));
        if (!weak.isEmpty()) {
            audit.record(admin, "account.create", from, "weak-password");
            throw new WeakPasswordException("password", weak);
        }

        String passwordHash = hashing.hash(request.password());
        UUID id = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                rejectDuplicates(username, email, phone);
                Account account = Account.create(id, username, email, emailVerified, phone, request.phoneStatus(),
                        locale, Boolean.TRUE.equals(request.mfaEnrolled()), passwordHash, Instant.now());
                accounts.persistAndFlush(account);
            });
        } catch (DuplicateAccountException e) {
            audit.record(admin, "account.create", from, "duplicate");
            throw e;
        } catch (PersistenceException e) {
            // Lost a race with another registration for the same username, email or phone.
            if (!isUniqueViolation(e)) {
                throw e;
            }
            audit.record(admin, "account.create", from, "duplicate");
            throw new DuplicateAccountException(List.of("username, email or phone"));
        }
        audit.record(admin, "account.create", from, "created", "account", id.toString());
        return id;
    }

    private void rejectDuplicates(String username, String email, String phone) {
        List<String> taken = new ArrayList<>();
        if (accounts.count("lower(username) = lower(?1)", username) > 0) {
            taken.add("username");
        }
        if (email != null && accounts.count("lower(email) = lower(?1)", email) > 0) {
            taken.add("email");
        }
        if (phone != null && accounts.count("phone = ?1", phone) > 0) {
            taken.add("phone");
        }
        if (!taken.isEmpty()) {
            throw new DuplicateAccountException(taken);
        }
    }

    private static String valid(String field, String value, UnaryOperator<String> check, List<Violation> violations) {
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            // Identifiers' messages name the field and the rule, and nothing else.
            violations.add(new Violation(field, e.getMessage().replaceFirst("^" + field + " ", "")));
            return null;
        }
    }

    private static List<String> accountData(String username, String email, String phone) {
        List<String> data = new ArrayList<>(3);
        data.add(username);
        if (email != null) {
            data.add(email);
        }
        if (phone != null) {
            data.add(phone);
        }
        return data;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
