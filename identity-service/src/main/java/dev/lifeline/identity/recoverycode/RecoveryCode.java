package dev.lifeline.identity.recoverycode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One saved recovery code of an account's current set, as its hash: the code itself is shown to the owner once and
 * never stored. A code is used at most once ({@link RecoveryCodes#consume}); issuing a new set deletes the old one.
 */
@Entity
@Table(name = "recovery_code")
@IdClass(RecoveryCode.Key.class)
public class RecoveryCode extends PanacheEntityBase {

    /** The composite primary key. */
    public record Key(UUID accountId, String codeHash) implements Serializable {
        /** For JPA. */
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    /** Hex SHA-256 of the normalised code. */
    @Id
    @Column(name = "code_hash", nullable = false, updatable = false)
    private String codeHash;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "used_in_recovery")
    private UUID usedInRecovery;

    /** For JPA. */
    protected RecoveryCode() {
    }

    static RecoveryCode issued(UUID accountId, String codeHash, Instant now) {
        RecoveryCode code = new RecoveryCode();
        code.accountId = Objects.requireNonNull(accountId, "accountId");
        code.codeHash = Objects.requireNonNull(codeHash, "codeHash");
        code.issuedAt = now.truncatedTo(ChronoUnit.MICROS);
        return code;
    }

    /** How many codes of the account's set are still unused; 0 when it has none. */
    public static int codesLeft(UUID accountId) {
        return (int) count("accountId = ?1 and usedAt is null", accountId);
    }

    public UUID accountId() {
        return accountId;
    }

    public Instant issuedAt() {
        return issuedAt;
    }
}
