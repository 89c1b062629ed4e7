package dev.lifeline.emailverification.challenge;

import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.locale.Locales;
import dev.lifeline.http.security.TokenHashes;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The email step of one recovery: a code and a link that prove the token holder reads the bound mailbox.
 *
 * <p>Every recovery gets one, also a decoy and a recovery that has no address to write to: those are
 * <em>silent</em> — nothing is ever sent, their secrets are drawn and thrown away — and otherwise follow exactly
 * the same rules, so that no answer tells them apart. A delivering challenge's code and link are issued when its
 * mail is sent (see {@code mail.MailSender}); until then nothing matches. The rules:
 * <ul>
 *   <li>a code and its link work until {@link ChallengeRules#codeTtl()} after they were issued, once;</li>
 *   <li>wrong codes count across resends, and the last allowed one ends the challenge
 *   ({@link EmailVerificationFailure#TOO_MANY_ATTEMPTS}); a lapsed code is reported once
 *   ({@link EmailVerificationFailure#EXPIRED}) and a resend can still replace it;</li>
 *   <li>a resend replaces the code and the link (the old ones stop working at once), after a cool-down and a
 *   bounded number of times;</li>
 *   <li>the recovery's end closes the challenge: its code and link then answer like used ones.</li>
 * </ul>
 */
@Entity
@Table(name = "email_challenge")
public class EmailChallenge extends PanacheEntityBase {

    public enum State {
        OPEN, VERIFIED,
        /** No longer entered (the last wrong code closes a challenge); rows from before keep it until their recovery ends. */
        EXHAUSTED,
        CLOSED
    }

    /** What a code, a link or a resend met; each maps to one answer of the API. */
    public enum Result {
        /** The code or link was right: the email is verified. */
        VERIFIED,
        /** Wrong code, or a challenge that is used, closed or not this token holder's: one answer for all. */
        REFUSED,
        /** The current code and link have lapsed: ask for a new one. */
        EXPIRED,
        /** No attempts (or no resends) left. */
        EXHAUSTED,
        /** A resend came within the cool-down. */
        TOO_SOON,
        /** A resend was accepted: a new code and link are on their way. */
        RESENT
    }

    /** A result and the events it publishes, in the caller's transaction. */
    public record Outcome(Result result, List<LifelineEvent> events) {
        static Outcome of(Result result, LifelineEvent... events) {
            return new Outcome(result, List.of(events));
        }
    }

    @Id
    @Column(name = "recovery_id")
    private UUID recoveryId;

    @Column(name = "account_id", updatable = false)
    private UUID accountId;

    @Column(nullable = false, updatable = false)
    private boolean decoy;

    @Column(updatable = false)
    private String email;

    @Column(nullable = false, updatable = false)
    private String locale;

    @Column(name = "recovery_token_hash", nullable = false, updatable = false)
    private String recoveryTokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "link_token_hash")
    private String linkTokenHash;

    @Column(name = "code_expires_at")
    private Instant codeExpiresAt;

    /**
     * When the recovery itself expires (null on challenges from before it was kept): from then on the challenge
     * answers as closed, a decoy's as a real one's, without waiting for an event (a real recovery's RecoveryExpired
     * closes it too; nothing comes for a decoy's, which used to stay open: confirm 410, resend 202, issue 22.3).
     */
    @Column(name = "recovery_expires_at", updatable = false)
    private Instant recoveryExpiresAt;

    @Column(name = "expiry_reported", nullable = false)
    private boolean expiryReported;

    @Column(name = "wrong_attempts", nullable = false)
    private int wrongAttempts;

    @Column(nullable = false)
    private int resends;

    @Column(name = "last_issued_at", nullable = false)
    private Instant lastIssuedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "mail_due_at")
    private Instant mailDueAt;

    @Column(name = "mail_attempts", nullable = false)
    private int mailAttempts;

    @Column(name = "mail_last_error")
    private String mailLastError;

    @Column(name = "mail_sent_at")
    private Instant mailSentAt;

    /** When the recovery was asked for, and from which network; null before V4 and for decoys: {@link #request()}. */
    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "requested_from")
    private String requestedFrom;

    @Version
    private long version;

    /** For JPA. */
    protected EmailChallenge() {
    }

    /**
     * The challenge of a recovery. It delivers when the recovery's policy needs EMAIL and the account has an
     * address; otherwise it is silent.
     */
    public static EmailChallenge of(RecoveryRequested requested, Instant now) {
        boolean delivers = requested.policy().required().contains(Evidence.EMAIL)
                && requested.contacts().email() != null;
        EmailChallenge challenge = create(requested.recoveryId(), requested.accountId(), false,
                delivers ? requested.contacts().email() : null, requested.contacts().locale(),
                requested.recoveryTokenHash(), requested.expiresAt(), now);
        challenge.requestedAt = at(requested.occurredAt());
        challenge.requestedFrom = requested.requestedFrom();
        return challenge;
    }

    /** A decoy's challenge: silent, and otherwise like any other. */
    public static EmailChallenge of(RecoveryDecoyStarted started, Instant now) {
        return create(started.recoveryId(), null, true, null, Locales.DEFAULT, started.recoveryTokenHash(),
                started.expiresAt(), now);
    }

    private static EmailChallenge create(UUID recoveryId, UUID accountId, boolean decoy, String email, String locale,
                                         String recoveryTokenHash, Instant recoveryExpiresAt, Instant now) {
        EmailChallenge challenge = new EmailChallenge();
        challenge.recoveryId = Objects.requireNonNull(recoveryId, "recoveryId");
        challenge.accountId = accountId;
        challenge.decoy = decoy;
        challenge.email = email;
        challenge.locale = Locales.supported(locale);
        challenge.recoveryTokenHash = Objects.requireNonNull(recoveryTokenHash, "recoveryTokenHash");
        challenge.state = State.OPEN;
        challenge.recoveryExpiresAt = recoveryExpiresAt == null ? null : at(recoveryExpiresAt);
        challenge.lastIssuedAt = at(now);
        challenge.createdAt = at(now);
        challenge.updatedAt = at(now);
        challenge.mailDueAt = email != null ? at(now) : null;
        return challenge;
    }

    /**
     * Who asked, as far as the owner may be told: when, and from which network.
     *
     * @param at       when the recovery was requested, as its event said; for a challenge that does not know
     *                 (opened before it was kept, or a decoy's), when the challenge opened
     * @param recorded whether {@code at} is the event's time; the link's page shows no other as the request's
     * @param from     the network, empty when the event did not say (older events)
     */
    public record Request(Instant at, boolean recorded, Optional<String> from) {
    }

    /** When and where the recovery was asked for: how a digest labels each code, and what the link's page says. */
    public Request request() {
        return new Request(requestedAt != null ? requestedAt : createdAt, requestedAt != null,
                Optional.ofNullable(requestedFrom));
    }

    /** Whether a mail goes out for this challenge (its code and link are then issued as it is sent). */
    public boolean delivers() {
        return email != null;
    }

    /**
     * Makes the code and the link whose hashes are given the current ones, valid from now: a delivering
     * challenge's sender calls this as it sends the mail; a silent one's are issued (and forgotten) at once.
     *
     * @return false when the challenge is no longer open (nothing to send)
     */
    public boolean issue(String newCodeHash, String newLinkTokenHash, Instant now, ChallengeRules rules) {
        if (stateAt(now) != State.OPEN) {
            return false;
        }
        codeHash = Objects.requireNonNull(newCodeHash, "newCodeHash");
        linkTokenHash = Objects.requireNonNull(newLinkTokenHash, "newLinkTokenHash");
        codeExpiresAt = at(now).plus(rules.codeTtl());
        expiryReported = false;
        touch(now);
        return true;
    }

    /** Constant-time. A missing token hashes like an empty one and matches nothing. */
    public boolean heldBy(String tokenHash) {
        return TokenHashes.same(recoveryTokenHash, tokenHash);
    }

    /**
     * A code from the token holder; wrong ones count, whatever the code it was meant for. "Expired" answers only the
     * lapsed code itself: a wrong code is wrong, lapsed or not. When a code lapses depends on when it was issued —
     * at once for a silent challenge, when the mail leaves for a delivering one (later still when mails to the
     * address are paced) — so an "expired" for any code told a decoy from a real recovery by the clock (issue 22.5).
     */
    public Outcome confirmCode(String submittedCodeHash, Instant now, ChallengeRules rules) {
        Optional<Result> refusal = refusalOfSecret(now);
        boolean right = TokenHashes.same(codeHash, submittedCodeHash);
        if (refusal.isPresent() && (refusal.get() != Result.EXPIRED || right)) {
            return Outcome.of(refusal.get());
        }
        if (right) {
            return verified(EmailVerificationMethod.CODE, now);
        }
        wrongAttempts++;
        touch(now);
        if (wrongAttempts >= rules.maxWrongAttempts()) {
            // Closed here for a real recovery as for a decoy: a real one used to wait EXHAUSTED for the
            // RecoveryRejected identity-service answers with (two hops), and a confirm or resend in that window
            // answered 429 where a decoy's answered 400. The RecoveryRejected then finds it closed.
            state = State.CLOSED;
            mailDueAt = null;
            return Outcome.of(Result.EXHAUSTED, failed(EmailVerificationFailure.TOO_MANY_ATTEMPTS, now));
        }
        return Outcome.of(Result.REFUSED);
    }

    /** The link's button was pressed (the caller found this challenge by the link token's hash). */
    public Outcome confirmLink(Instant now) {
        return refusalOfSecret(now).map(Outcome::of).orElseGet(() -> verified(EmailVerificationMethod.LINK, now));
    }

    /** What the link's button would meet now, for the page shown before it: empty when it would verify. */
    public Optional<Result> refusalOfLink(Instant now) {
        return refusalOfSecret(now);
    }

    /**
     * A new code and link: the current ones stop working now. A delivering challenge's caller queues the mail that
     * will issue them; a silent one's are issued here by the caller too, with secrets nobody sees.
     */
    public Outcome resend(Instant now, ChallengeRules rules) {
        Instant at = at(now);
        State current = stateAt(now);
        if (current == State.EXHAUSTED) {
            return Outcome.of(Result.EXHAUSTED);
        }
        if (current != State.OPEN) {
            return Outcome.of(Result.REFUSED);
        }
        if (resends >= rules.maxResends()) {
            return Outcome.of(Result.EXHAUSTED);
        }
        if (at.isBefore(resendAllowedAt(rules))) {
            return Outcome.of(Result.TOO_SOON);
        }
        resends++;
        lastIssuedAt = at;
        codeHash = null;
        linkTokenHash = null;
        codeExpiresAt = null;
        expiryReported = false;
        if (delivers()) {
            mailDueAt = at;
            mailAttempts = 0;
        }
        touch(now);
        return Outcome.of(Result.RESENT);
    }

    public Instant resendAllowedAt(ChallengeRules rules) {
        return lastIssuedAt.plus(rules.resendCooldown());
    }

    public int resendsLeft(ChallengeRules rules) {
        return Math.max(0, rules.maxResends() - resends);
    }

    /**
     * The code has lapsed: reported once per code (a resend issues a new one with its own deadline). Not the end of
     * the recovery — identity-service waits for a resend — so the challenge stays open.
     */
    public List<LifelineEvent> expire(Instant now) {
        if (stateAt(now) != State.OPEN || expiryReported || codeExpiresAt == null || at(now).isBefore(codeExpiresAt)) {
            return List.of();
        }
        expiryReported = true;
        touch(now);
        // A decoy's lapse changes nothing anywhere: identity-service only needs to hear of a decoy's exhaustion.
        return decoy ? List.of() : List.of(failed(EmailVerificationFailure.EXPIRED, now));
    }

    /** The recovery ended (completed, cancelled, rejected or expired): nothing here may work any more. */
    public boolean close(Instant now) {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        codeHash = null;
        linkTokenHash = null;
        mailDueAt = null;
        touch(now);
        return true;
    }

    /**
     * A sender takes this challenge's due mail: nobody else may for {@code lease} (a sender that dies holding it
     * only delays the mail). The caller issues the code and link in the same transaction and sends them after it
     * commits.
     *
     * @return which mail this is (a later resend queues another), or empty when the challenge no longer needs one
     */
    public Optional<Integer> claimMail(Instant now, Duration lease) {
        if (state != State.OPEN || mailDueAt == null) {
            mailDueAt = null;
            return Optional.empty();
        }
        mailDueAt = at(now).plus(lease);
        touch(now);
        return Optional.of(resends);
    }

    /**
     * The recipient's budget of mails is spent: the due mail waits, queued as it is, until {@code until}, when a slot
     * frees (it is never dropped; a resend meanwhile queues it anew and meets the same budget).
     */
    public void deferMail(Instant now, Instant until) {
        if (state != State.OPEN || mailDueAt == null) {
            mailDueAt = null;
            return;
        }
        mailDueAt = at(until);
        touch(now);
    }

    /** SMTP accepted the mail claimed as {@code mail}; a resend since then has queued a newer one, which stays due. */
    public void mailSent(int mail, Instant now) {
        if (mail == resends && state == State.OPEN) {
            mailDueAt = null;
            mailAttempts = 0;
            mailLastError = null;
        }
        mailSentAt = at(now);
        touch(now);
    }

    /**
     * SMTP refused or was unreachable: the code and link that never left are withdrawn (so their deadline cannot
     * lapse while nobody has them) and the mail is due again after {@code backoff}.
     */
    public void mailFailed(int mail, Instant now, String error, Duration backoff) {
        if (mail != resends || state != State.OPEN) {
            return;
        }
        codeHash = null;
        linkTokenHash = null;
        codeExpiresAt = null;
        mailAttempts++;
        mailLastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        mailDueAt = at(now).plus(backoff);
        touch(now);
    }

    public int mailAttempts() {
        return mailAttempts;
    }

    public Instant mailDueAt() {
        return mailDueAt;
    }

    /** When SMTP last accepted a mail of this challenge; null before. */
    public Instant mailSentAt() {
        return mailSentAt;
    }

    /** Whether its recovery's deadline has passed at {@code now} (unknown for challenges from before V2: no). */
    public boolean recoveryOver(Instant now) {
        return recoveryExpiresAt != null && !at(now).isBefore(recoveryExpiresAt);
    }

    /** The state as the token holder meets it: an open challenge whose recovery has expired is closed. */
    private State stateAt(Instant now) {
        return state == State.OPEN && recoveryOver(now) ? State.CLOSED : state;
    }

    private Optional<Result> refusalOfSecret(Instant now) {
        return switch (stateAt(now)) {
            case VERIFIED, CLOSED -> Optional.of(Result.REFUSED);
            case EXHAUSTED -> Optional.of(Result.EXHAUSTED);
            case OPEN -> codeExpiresAt != null && !at(now).isBefore(codeExpiresAt)
                    ? Optional.of(Result.EXPIRED) : Optional.empty();
        };
    }

    private Outcome verified(EmailVerificationMethod method, Instant now) {
        state = State.VERIFIED;
        codeHash = null;
        linkTokenHash = null;
        mailDueAt = null;
        touch(now);
        // A decoy's secrets were never seen by anyone, so this is unreachable for one; if it were not, a decoy
        // has no account to verify and identity-service would refuse the event anyway.
        return decoy ? Outcome.of(Result.VERIFIED)
                : Outcome.of(Result.VERIFIED, new EmailVerified(UUID.randomUUID(), recoveryId, accountId, at(now), method));
    }

    private LifelineEvent failed(EmailVerificationFailure reason, Instant now) {
        return decoy
                ? new DecoyEmailVerificationFailed(UUID.randomUUID(), recoveryId, at(now), reason)
                : new EmailVerificationFailed(UUID.randomUUID(), recoveryId, accountId, at(now), reason);
    }

    private void touch(Instant now) {
        updatedAt = at(now);
    }

    /** PostgreSQL keeps microseconds: truncating first makes a loaded challenge equal to the one saved. */
    private static Instant at(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID recoveryId() {
        return recoveryId;
    }

    public UUID accountId() {
        return accountId;
    }

    public boolean decoy() {
        return decoy;
    }

    public String email() {
        return email;
    }

    public String locale() {
        return locale;
    }

    public State state() {
        return state;
    }

    public Instant codeExpiresAt() {
        return codeExpiresAt;
    }

    public int wrongAttempts() {
        return wrongAttempts;
    }

    public int attemptsLeft(ChallengeRules rules) {
        return Math.max(0, rules.maxWrongAttempts() - wrongAttempts);
    }
}
