package dev.lifeline.identity.phoneproof;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A recovery's request to bind a new phone number, and the proof that its holder has that phone: a code texted to
 * the number, typed back. The rules of the proof live here (one current request per recovery, a bounded number of
 * texts and of wrong codes, a deadline inside the phone change window); the recovery's own rules (completed, in its
 * window, not yet changed) stay in {@code Recovery}. The code itself is never stored: the row keeps its keyed hash
 * from the moment the text leaves.
 */
@Entity
@Table(name = "phone_proof")
public class PhoneProof extends PanacheEntityBase {

    /** What a typed code proved. */
    public enum Verdict {
        /** The number is proved: bind it. */
        PROVED,
        /** A wrong code (or none sent yet); attempts remain. */
        WRONG,
        /** The last attempt was wrong: this request is spent. */
        SPENT,
        /** The code's time has passed. */
        EXPIRED
    }

    /** Why a new code may not be texted. */
    public static class TooManyTextsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyTextsException(int texts) {
            super("This recovery has asked for " + texts + " phone codes, the most it may", null, false, false);
        }
    }

    @Id
    @Column(name = "recovery_id")
    private UUID recoveryId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false)
    private String phone;

    @Column(nullable = false)
    private String locale;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "texts_requested", nullable = false)
    private int textsRequested;

    @Column(name = "text_due_at")
    private Instant textDueAt;

    @Column(name = "text_tries", nullable = false)
    private int textTries;

    @Version
    private long version;

    protected PhoneProof() {
    }

    /** The first request of a recovery: a text to {@code phone} is owed from {@code now}. */
    public static PhoneProof request(UUID recoveryId, UUID accountId, String phone, String locale, Instant now,
                                     Instant windowEnds, PhoneProofConfig config) {
        PhoneProof proof = new PhoneProof();
        proof.recoveryId = Objects.requireNonNull(recoveryId, "recoveryId");
        proof.accountId = Objects.requireNonNull(accountId, "accountId");
        proof.renew(phone, locale, now, windowEnds, config);
        return proof;
    }

    /**
     * A new request replaces the current one: the new number, a new code, the attempts anew.
     *
     * @throws TooManyTextsException when the recovery has asked for its last code text
     */
    public void renew(String phone, String locale, Instant now, Instant windowEnds, PhoneProofConfig config) {
        if (textsRequested >= config.textsPerRecovery()) {
            throw new TooManyTextsException(textsRequested);
        }
        this.phone = Objects.requireNonNull(phone, "phone");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.requestedAt = now;
        Instant codeEnds = now.plus(config.codeTtl());
        this.expiresAt = codeEnds.isBefore(windowEnds) ? codeEnds : windowEnds;
        this.codeHash = null;
        this.failedAttempts = 0;
        this.textsRequested++;
        this.textDueAt = now;
        this.textTries = 0;
    }

    /**
     * The text leaves now: its code's hash replaces any earlier one, and the text is leased to the caller until
     * {@code lease} has passed (then, unless {@link #textSent} or {@link #textFailed} came first, it is owed again).
     */
    public void textLeaving(String newCodeHash, Instant now, Duration lease) {
        this.codeHash = Objects.requireNonNull(newCodeHash, "newCodeHash");
        this.textDueAt = now.plus(lease);
        this.textTries++;
    }

    /** The text whose code hashes to {@code sentCodeHash} has left (unless a newer request replaced it since). */
    public void textSent(String sentCodeHash) {
        if (sentCodeHash.equals(codeHash)) {
            this.textDueAt = null;
        }
    }

    /**
     * The text whose code hashes to {@code failedCodeHash} did not leave: it is tried again with a growing delay, or
     * given up (a new request starts over). Nothing changes if a newer request replaced it since.
     */
    public void textFailed(String failedCodeHash, boolean retryable, Instant now, PhoneProofConfig config) {
        if (!failedCodeHash.equals(codeHash)) {
            return;
        }
        if (!retryable || textTries >= config.textTries()) {
            this.textDueAt = null;
            return;
        }
        long delaySeconds = Math.min(60, 1L << Math.min(textTries, 6));
        this.textDueAt = now.plusSeconds(delaySeconds);
    }

    /** Checks a typed code (its keyed hash), compared in constant time; a wrong one counts against the request. */
    public Verdict confirm(String typedCodeHash, Instant now, PhoneProofConfig config) {
        if (failedAttempts >= config.attempts()) {
            return Verdict.SPENT;
        }
        if (!now.isBefore(expiresAt)) {
            return Verdict.EXPIRED;
        }
        boolean right = codeHash != null && MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.US_ASCII),
                typedCodeHash.getBytes(StandardCharsets.US_ASCII));
        if (right) {
            return Verdict.PROVED;
        }
        failedAttempts++;
        return failedAttempts >= config.attempts() ? Verdict.SPENT : Verdict.WRONG;
    }

    public int attemptsLeft(PhoneProofConfig config) {
        return Math.max(0, config.attempts() - failedAttempts);
    }

    public UUID recoveryId() {
        return recoveryId;
    }

    public UUID accountId() {
        return accountId;
    }

    public String phone() {
        return phone;
    }

    public String locale() {
        return locale;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public int textsLeft(PhoneProofConfig config) {
        return Math.max(0, config.textsPerRecovery() - textsRequested);
    }
}
