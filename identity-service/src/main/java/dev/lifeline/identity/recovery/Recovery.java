package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventReference;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.RecoveryApproved;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.http.security.TokenHashes;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One attempt to recover an account: the saga's state on identity-service's side and every rule about it.
 * <p>
 * Each command takes the current time and returns the events it produced, empty when it changed nothing, for the
 * caller to put in the outbox in the same transaction as the entity ({@code @Version} guards concurrent
 * commands). The policy, the TTL and the phone change window are copied in when the recovery starts, so changing
 * the configuration never changes a recovery already under way.
 * <p>
 * Approval is one stored state, {@link State#APPROVED}, carrying {@code resetAllowedAt}: {@link #status(Instant)}
 * shows it as COOLING_OFF before then and READY from then on, so the end of a cooling-off needs neither a timer
 * nor an event. Likewise an open recovery past {@code expiresAt} behaves as EXPIRED for every command before the
 * scheduler's {@link #expire(Instant)} records it. The TTL applies twice: evidence must arrive within one TTL of
 * the start, and the reset must happen within one TTL of {@code resetAllowedAt}.
 * <p>
 * Several open recoveries of one account may coexist, each with its own token and evidence; no start changes
 * another. The first to complete ends the others: the caller, holding the account's row lock, calls
 * {@link #cancelSinceAnotherCompleted} on each (docs/architecture.md, "Recoveries of one account"). Recoveries are
 * read and locked through {@link Recoveries}, which states the lock order.
 */
@Entity
@Table(name = "recovery")
public class Recovery extends PanacheEntityBase {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** What a reset before approval is told, by a real recovery and a decoy alike. */
    public static final String EVIDENCE_OUTSTANDING_MESSAGE = "Evidence is still outstanding";

    /**
     * What is stored, in the {@code state} column: queries select on it (the expiry scheduler, the reset's lock on
     * an account's open recoveries). Nobody outside identity-service sees it; {@link #status(Instant)} maps it,
     * with the clock, to the {@link RecoveryStatus} that is shown.
     */
    public enum State {
        AWAITING_EVIDENCE, APPROVED, COMPLETED, CANCELLED, REJECTED, EXPIRED;

        /** Still able to reach a password reset. */
        public boolean isOpen() {
            return this == AWAITING_EVIDENCE || this == APPROVED;
        }
    }

    /** A new recovery and the event announcing it. */
    public record Started(Recovery recovery, RecoveryRequested event) {
    }

    /** The actor of RecoveryCancelled (by SYSTEM) when another recovery of the account completed first. */
    public static final String ANOTHER_RECOVERY_COMPLETED = "another-recovery-completed";

    /**
     * Why a participant's event (a reply on the email-verification or kyc topic) changed nothing: the reason in
     * the listener's audit line, never shown to the token holder, who sent no command. A command refused by the
     * recovery's state is a {@link RecoveryStateException.Reason} instead. The four ends are mapped from the
     * {@link RecoveryStatus} the event met, case by case in {@link #refusalOfFailure}.
     */
    public enum Refusal {
        /** An identity confirmation below the assurance this recovery requires. */
        ASSURANCE_TOO_LOW,
        /** Evidence after every required piece had already arrived. */
        ALREADY_APPROVED,
        /**
         * An email code expired: the owner can ask for a new one, and an account without an email address (whose
         * challenge is silent) still has its manual review, so only exhausted attempts end a recovery.
         */
        CODE_EXPIRY_IS_NOT_FINAL,
        /** The recovery had ended: its password was reset. */
        COMPLETED,
        /** The recovery had ended: the owner, support or another recovery's reset cancelled it. */
        CANCELLED,
        /** The recovery had ended: a participant's failure rejected it. */
        REJECTED,
        /** The recovery had ended: its deadline had passed, recorded by the scheduler or not. */
        EXPIRED,
        /** An event on a participant's topic that is not one of the saga's replies (e.g. a newer type). */
        NOT_A_PARTICIPANT_EVENT
    }

    /**
     * What a participant's event did: the events it produced (possibly none, e.g. one piece of evidence of two),
     * or why the recovery refused it.
     */
    public record Reaction(List<LifelineEvent> events, Optional<Refusal> refusal) {
        public Reaction {
            events = List.copyOf(events);
            Objects.requireNonNull(refusal, "refusal");
        }

        static Reaction refused(Refusal refusal) {
            return new Reaction(List.of(), Optional.of(refusal));
        }

        static Reaction accepted(List<LifelineEvent> events) {
            return new Reaction(events, Optional.empty());
        }
    }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    /** Hex SHA-256 of the recovery token; the token itself is never stored. */
    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private State state;

    @Convert(converter = EvidenceSetConverter.class)
    @Column(name = "required_evidence", nullable = false, updatable = false)
    private Set<Evidence> requiredEvidence;

    /** Sets of evidence each of which also approves the recovery, e.g. EMAIL + RECOVERY_CODE; empty for none. */
    @Convert(converter = EvidenceAlternativesConverter.class)
    @Column(name = "alternative_evidence", nullable = false, updatable = false)
    private List<Set<Evidence>> alternativeEvidence;

    @Enumerated(EnumType.STRING)
    @Column(name = "required_assurance", nullable = false, updatable = false)
    private Assurance requiredAssurance;

    @Column(name = "cooling_off_seconds", nullable = false, updatable = false)
    private long coolingOffSeconds;

    @Column(name = "ttl_seconds", nullable = false, updatable = false)
    private long ttlSeconds;

    @Column(name = "phone_change_window_seconds", nullable = false, updatable = false)
    private long phoneChangeWindowSeconds;

    /** Replaced, never mutated in place, so that Hibernate's dirty check sees every change. */
    @Convert(converter = EvidenceSetConverter.class)
    @Column(name = "satisfied_evidence", nullable = false)
    private Set<Evidence> satisfiedEvidence;

    /** The highest assurance of an identity confirmation that counted; null until one did. */
    @Enumerated(EnumType.STRING)
    @Column(name = "identity_assurance")
    private Assurance identityAssurance;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "reset_allowed_at")
    private Instant resetAllowedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "phone_changed_at")
    private Instant phoneChangedAt;

    /** When it was cancelled, rejected or expired. */
    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancelled_by")
    private CancelledBy cancelledBy;

    @Column(name = "cancelled_actor")
    private String cancelledActor;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "rejection_cause_type")
    private String rejectionCauseType;

    @Column(name = "rejection_cause_event_id")
    private UUID rejectionCauseEventId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA. */
    protected Recovery() {
    }

    /**
     * Starts a recovery under {@code policy}, open until {@code now + ttl}.
     *
     * @param contacts  only for the RecoveryRequested event; the account stays the source of truth
     * @param tokenHash lower-case hex SHA-256 of the recovery token handed to the client
     */
    public static Started start(UUID id, UUID accountId, RecoveryPolicy policy, Contacts contacts, String tokenHash,
                                Instant now, Duration ttl, Duration phoneChangeWindow) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (!SHA_256_HEX.matcher(tokenHash).matches()) {
            throw new IllegalArgumentException("tokenHash must be a lower-case hex SHA-256");
        }
        if (!policy.required().contains(Evidence.IDENTITY)) {
            // NIST SP 800-63B-4: possession of the email alone never recovers an account.
            throw new IllegalArgumentException("A recovery policy must require IDENTITY evidence: " + policy);
        }
        requirePositive(ttl, "ttl");
        requirePositive(phoneChangeWindow, "phoneChangeWindow");
        if (policy.coolingOff().isNegative()) {
            throw new IllegalArgumentException("coolingOff must not be negative: " + policy.coolingOff());
        }
        Instant at = at(now);

        Recovery recovery = new Recovery();
        recovery.id = id;
        recovery.accountId = accountId;
        recovery.tokenHash = tokenHash;
        recovery.state = State.AWAITING_EVIDENCE;
        recovery.requiredEvidence = immutableSet(policy.required());
        recovery.alternativeEvidence = policy.alternatives().stream().map(Recovery::immutableSet).toList();
        recovery.requiredAssurance = policy.assurance();
        recovery.coolingOffSeconds = policy.coolingOff().toSeconds();
        recovery.ttlSeconds = ttl.toSeconds();
        recovery.phoneChangeWindowSeconds = phoneChangeWindow.toSeconds();
        recovery.satisfiedEvidence = Collections.emptySet();
        recovery.createdAt = at;
        recovery.expiresAt = at.plus(recovery.ttl());

        RecoveryRequested requested = new RecoveryRequested(UUID.randomUUID(), id, accountId, at, recovery.expiresAt,
                recovery.policy(), contacts, tokenHash);
        return new Started(recovery, requested);
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /**
     * A participant's reply, whichever it is: evidence, or a failure that ends the recovery (an expired email code
     * does not: it is refused as {@link Refusal#CODE_EXPIRY_IS_NOT_FINAL}). Anything the recovery cannot use is
     * refused with the reason, changing nothing, for the caller's audit line; so is a decoy's event, which only
     * {@link DecoyRecovery} answers.
     *
     * @throws IllegalArgumentException when the event belongs to another recovery (a routing bug)
     */
    public Reaction reactTo(RecoveryEvent event, Instant now) {
        Objects.requireNonNull(event, "event");
        Instant at = at(now);
        RecoveryStatus status = status(at);
        if (event instanceof EmailVerified verified) {
            requireOwn(verified, verified.accountId());
            return refusalOfEvidence(status).map(Reaction::refused)
                    .orElseGet(() -> Reaction.accepted(emailVerified(at)));
        }
        if (event instanceof IdentityConfirmed confirmed) {
            requireOwn(confirmed, confirmed.accountId());
            return refusalOfEvidence(status).or(() -> refusalOfAssurance(confirmed.assurance()))
                    .map(Reaction::refused)
                    .orElseGet(() -> Reaction.accepted(identityConfirmed(confirmed.assurance(), at)));
        }
        if (event instanceof EmailVerificationFailed failed) {
            requireOwn(failed, failed.accountId());
            return refusalOfEmailFailure(status, failed.reason()).map(Reaction::refused)
                    .orElseGet(() -> Reaction.accepted(emailAttemptsExhausted(failed, at)));
        }
        if (event instanceof IdentityRejected rejected) {
            requireOwn(rejected, rejected.accountId());
            return refusalOfFailure(status).map(Reaction::refused)
                    .orElseGet(() -> Reaction.accepted(identityRejected(rejected, at)));
        }
        return Reaction.refused(Refusal.NOT_A_PARTICIPANT_EVENT);
    }

    /**
     * The token holder typed one of the account's saved recovery codes, which the caller has just consumed
     * (RecoveryCodes). Only a recovery awaiting evidence whose policy accepts RECOVERY_CODE takes it; with EMAIL it
     * approves the recovery without identity proofing, and without a cooling-off (two recovery methods of
     * different kinds, NIST SP 800-63B-4); alone it never does.
     *
     * @param codesLeft the account's unused codes after this one, for RecoveryCodeUsed
     * @throws RecoveryStateException unless the recovery is awaiting evidence
     * @throws IllegalStateException  when the policy does not accept a recovery code (the caller checks first)
     */
    public List<LifelineEvent> recoveryCodeUsed(int codesLeft, Instant now) {
        Instant at = at(now);
        requireAwaitingEvidence(at);
        if (!acceptsRecoveryCode()) {
            throw new IllegalStateException("Recovery " + id + " does not accept a recovery code");
        }
        List<LifelineEvent> events = new ArrayList<>();
        events.add(new RecoveryCodeUsed(UUID.randomUUID(), id, accountId, at, codesLeft));
        events.addAll(recordEvidence(Evidence.RECOVERY_CODE, null, at));
        return events;
    }

    /** Whether a recovery code can count for this recovery (its policy names it; not yet counted). */
    public boolean acceptsRecoveryCode() {
        return policy().accepts(Evidence.RECOVERY_CODE) && !satisfiedEvidence.contains(Evidence.RECOVERY_CODE);
    }

    /**
     * Refuses, with the state's own reason, unless the recovery still awaits evidence; shared with the recovery-code
     * endpoint so that its refusals are those of the reset.
     */
    public void requireAwaitingEvidence(Instant now) {
        RecoveryStatus status = status(now);
        if (status == RecoveryStatus.COOLING_OFF || status == RecoveryStatus.READY) {
            throw alreadyApproved();
        }
        if (status.isFinal()) {
            throw refusal(status);
        }
    }

    /**
     * The owner (who proved the current password) or support stops the recovery.
     *
     * @param actor  who, for the audit trail: the support agent's username, or the account for the owner
     * @param reason support's reason, kept for support and audit only; may be null for the owner
     * @throws RecoveryStateException unless the recovery is still open
     */
    public List<LifelineEvent> cancel(CancelledBy by, String actor, String reason, Instant now) {
        Objects.requireNonNull(by, "by");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
        Instant at = at(now);
        requireOpen(at);
        state = State.CANCELLED;
        endedAt = at;
        cancelledBy = by;
        cancelledActor = actor;
        cancelReason = reason;
        return List.of(new RecoveryCancelled(UUID.randomUUID(), id, accountId, at, by, actor));
    }

    /**
     * Another recovery of the same account completed (its password reset): this one has nothing left to do, and its
     * token must die with the others (docs/architecture.md, "Recoveries of one account"). Cancelled by SYSTEM; a
     * recovery that is no longer open, or past its deadline, is left to its own end.
     *
     * @param completed the recovery whose reset ends this one
     */
    public List<LifelineEvent> cancelSinceAnotherCompleted(Recovery completed, Instant now) {
        Objects.requireNonNull(completed, "completed");
        if (completed.id.equals(id) || !completed.accountId.equals(accountId)) {
            throw new IllegalArgumentException("Recovery " + completed.id + " is not another recovery of account "
                    + accountId);
        }
        Instant at = at(now);
        if (!isOpenAt(at)) {
            return List.of();
        }
        return cancel(CancelledBy.SYSTEM, ANOTHER_RECOVERY_COMPLETED, "recovery " + completed.id + " completed", at);
    }

    /** The scheduler's call: ends an open recovery whose deadline has passed; otherwise changes nothing. */
    public List<LifelineEvent> expire(Instant now) {
        Instant at = at(now);
        if (!state.isOpen() || at.isBefore(expiresAt)) {
            return List.of();
        }
        state = State.EXPIRED;
        endedAt = at;
        return List.of(new RecoveryExpired(UUID.randomUUID(), id, accountId, at));
    }

    /**
     * Records the password reset; the caller changes the credential in the same transaction. PasswordReset tells
     * the gateway to revoke every session.
     *
     * @throws RecoveryStateException unless the recovery is READY
     */
    public List<LifelineEvent> resetPassword(Instant now) {
        Instant at = at(now);
        RecoveryStatus status = status(at);
        switch (status) {
            case READY -> {
                state = State.COMPLETED;
                completedAt = at;
                return List.of(new PasswordReset(UUID.randomUUID(), id, accountId, at, true));
            }
            // Which evidence is outstanding is the account's policy, not the token holder's business: a decoy and
            // every real recovery say the same words (GET shows what has arrived).
            case AWAITING_EVIDENCE -> throw evidenceOutstanding();
            case COOLING_OFF -> throw new RecoveryStateException(RecoveryStateException.Reason.COOLING_OFF,
                    "The password can be reset from " + resetAllowedAt, resetAllowedAt);
            default -> throw refusal(status);
        }
    }

    /**
     * Binds a new phone number, once, within the phone change window after the reset. The number must have been
     * proved first (a code texted to it, {@code PhoneProof}): the caller's job, as this aggregate holds no code.
     *
     * @param newPhone the new number; the event carries it masked for audit and in full for the text to it
     * @throws RecoveryStateException as {@link #requirePhoneChangeAllowed}
     */
    public List<LifelineEvent> changePhone(String newPhone, Instant now) {
        Objects.requireNonNull(newPhone, "newPhone");
        Instant at = at(now);
        requirePhoneChangeAllowed(at);
        phoneChangedAt = at;
        return List.of(new PhoneNumberChanged(UUID.randomUUID(), id, accountId, at, Masks.phone(newPhone), newPhone));
    }

    /**
     * Whether a new phone number may be bound (or a code to prove one be sent) at {@code now}.
     *
     * @return until when it may
     * @throws RecoveryStateException when the password was not reset through this recovery, the window has
     *                                closed, or the phone was already changed
     */
    public Instant requirePhoneChangeAllowed(Instant now) {
        Instant at = at(now);
        RecoveryStatus status = status(at);
        if (status != RecoveryStatus.COMPLETED) {
            throw status.isFinal() ? refusal(status) : notCompleted();
        }
        if (phoneChangedAt != null) {
            throw new RecoveryStateException(RecoveryStateException.Reason.PHONE_ALREADY_CHANGED,
                    "The phone number was already changed with this recovery");
        }
        Instant deadline = completedAt.plus(phoneChangeWindow());
        if (!at.isBefore(deadline)) {
            throw new RecoveryStateException(RecoveryStateException.Reason.PHONE_CHANGE_WINDOW_CLOSED,
                    "The phone number could be changed until " + deadline);
        }
        return deadline;
    }

    // ---- queries --------------------------------------------------------------------------------------------

    /** The state as shown to the gateway and support at {@code now}. */
    public RecoveryStatus status(Instant now) {
        Instant at = Objects.requireNonNull(now, "now");
        return switch (state) {
            case AWAITING_EVIDENCE -> at.isBefore(expiresAt) ? RecoveryStatus.AWAITING_EVIDENCE : RecoveryStatus.EXPIRED;
            case APPROVED -> {
                if (!at.isBefore(expiresAt)) {
                    yield RecoveryStatus.EXPIRED;
                }
                yield at.isBefore(resetAllowedAt) ? RecoveryStatus.COOLING_OFF : RecoveryStatus.READY;
            }
            case COMPLETED -> RecoveryStatus.COMPLETED;
            case CANCELLED -> RecoveryStatus.CANCELLED;
            case REJECTED -> RecoveryStatus.REJECTED;
            case EXPIRED -> RecoveryStatus.EXPIRED;
        };
    }

    /**
     * Whether {@code tokenHash} is this recovery's, compared in constant time so that response timing reveals
     * nothing about the stored hash.
     */
    public boolean matchesToken(String tokenHash) {
        return TokenHashes.same(this.tokenHash, tokenHash);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    /** The stored state, e.g. for the expiry scheduler's query; show {@link #status(Instant)} instead. */
    public State state() {
        return state;
    }

    /** The policy decided at start, as RecoveryRequested carried it. */
    public RecoveryPolicy policy() {
        return new RecoveryPolicy(sorted(requiredEvidence), requiredAssurance, coolingOff(),
                alternativeEvidence.stream().map(Recovery::sorted).toList());
    }

    public List<Evidence> requiredEvidence() {
        return sorted(requiredEvidence);
    }

    public List<Evidence> satisfiedEvidence() {
        return sorted(satisfiedEvidence);
    }

    public Assurance requiredAssurance() {
        return requiredAssurance;
    }

    /** The assurance of the identity confirmation that counted, if one did. */
    public Optional<Assurance> identityAssurance() {
        return Optional.ofNullable(identityAssurance);
    }

    public Duration coolingOff() {
        return Duration.ofSeconds(coolingOffSeconds);
    }

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    public Duration phoneChangeWindow() {
        return Duration.ofSeconds(phoneChangeWindowSeconds);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The deadline: one TTL after the start, moved by approval to one TTL after {@code resetAllowedAt}. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Instant> approvedAt() {
        return Optional.ofNullable(approvedAt);
    }

    public Optional<Instant> resetAllowedAt() {
        return Optional.ofNullable(resetAllowedAt);
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** Until when a phone number may be bound; present once the password was reset. */
    public Optional<Instant> phoneChangeAllowedUntil() {
        return completedAt().map(completed -> completed.plus(phoneChangeWindow()));
    }

    public Optional<Instant> phoneChangedAt() {
        return Optional.ofNullable(phoneChangedAt);
    }

    /** When it was cancelled, rejected or expired. */
    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<CancelledBy> cancelledBy() {
        return Optional.ofNullable(cancelledBy);
    }

    public Optional<String> cancelledActor() {
        return Optional.ofNullable(cancelledActor);
    }

    public Optional<String> cancelReason() {
        return Optional.ofNullable(cancelReason);
    }

    /** The participant event that made the recovery impossible, when it was rejected. */
    public Optional<EventReference> rejectionCause() {
        return rejectionCauseEventId == null
                ? Optional.empty()
                : Optional.of(new EventReference(rejectionCauseType, rejectionCauseEventId));
    }

    public long version() {
        return version;
    }

    // ---- internals ------------------------------------------------------------------------------------------

    // The participants' replies, each once reactTo has ruled out a refusal (and checked the event is this one's).

    /** The owner proved control of the email address. */
    private List<LifelineEvent> emailVerified(Instant at) {
        return recordEvidence(Evidence.EMAIL, null, at);
    }

    /** kyc-service confirmed the owner's identity at {@code assurance}, no lower than the required one. */
    private List<LifelineEvent> identityConfirmed(Assurance assurance, Instant at) {
        return recordEvidence(Evidence.IDENTITY, assurance, at);
    }

    /**
     * Email verification failed with its attempts exhausted (REJECTED is for "email attempts exhausted"); an
     * expired code never gets here (see {@link Refusal#CODE_EXPIRY_IS_NOT_FINAL}).
     */
    private List<LifelineEvent> emailAttemptsExhausted(EmailVerificationFailed event, Instant at) {
        return reject(event, at);
    }

    /**
     * Identity could not be confirmed. This also ends an approved recovery still cooling off: a reviewer who
     * overturns an automated confirmation is exactly what the cooling-off waits for.
     */
    private List<LifelineEvent> identityRejected(IdentityRejected event, Instant at) {
        return reject(event, at);
    }

    /**
     * The one comparison of a confirmation's assurance with the one this recovery requires: below it, an identity
     * confirmation does not count.
     */
    private Optional<Refusal> refusalOfAssurance(Assurance confirmed) {
        return confirmed.compareTo(requiredAssurance) < 0 ? Optional.of(Refusal.ASSURANCE_TOO_LOW) : Optional.empty();
    }

    private List<LifelineEvent> recordEvidence(Evidence evidence, Assurance assurance, Instant at) {
        if (state != State.AWAITING_EVIDENCE || !at.isBefore(expiresAt)) {
            return List.of();
        }
        if (!satisfiedEvidence.contains(evidence)) {
            Set<Evidence> satisfied = EnumSet.of(evidence);
            satisfied.addAll(satisfiedEvidence);
            satisfiedEvidence = Collections.unmodifiableSet(satisfied);
        }
        if (assurance != null && (identityAssurance == null || assurance.compareTo(identityAssurance) > 0)) {
            identityAssurance = assurance;
        }
        if (!RecoveryPolicyRules.isSatisfied(policy(), satisfiedEvidence)) {
            return List.of();
        }
        return approve(at);
    }

    private List<LifelineEvent> approve(Instant at) {
        state = State.APPROVED;
        approvedAt = at;
        // A cooling-off only when the approval rests on identity confirmed at SUBSTANTIAL: an alternative without
        // identity proofing (EMAIL + RECOVERY_CODE) rests on two recovery methods, a HIGH confirmation on itself.
        boolean restsOnSubstantialIdentity = identityAssurance == Assurance.SUBSTANTIAL
                && alternativeEvidence.stream().noneMatch(satisfiedEvidence::containsAll);
        resetAllowedAt = restsOnSubstantialIdentity ? at.plus(coolingOff()) : at;
        // One TTL to gather evidence, then one TTL to reset: a late approval or a cooling-off must not leave the
        // owner with a recovery that expires before, or just after, the reset becomes allowed.
        expiresAt = resetAllowedAt.plus(ttl());
        return List.of(new RecoveryApproved(UUID.randomUUID(), id, accountId, at, sorted(satisfiedEvidence),
                identityAssurance, resetAllowedAt));
    }

    private List<LifelineEvent> reject(LifelineEvent cause, Instant at) {
        if (!isOpenAt(at)) {
            return List.of();
        }
        EventReference reference = EventReference.to(cause);
        state = State.REJECTED;
        endedAt = at;
        rejectionCauseType = reference.type();
        rejectionCauseEventId = reference.eventId();
        return List.of(new RecoveryRejected(UUID.randomUUID(), id, accountId, at, reference));
    }

    private boolean isOpenAt(Instant at) {
        return state.isOpen() && at.isBefore(expiresAt);
    }

    private void requireOpen(Instant at) {
        RecoveryStatus status = status(at);
        if (status.isFinal()) {
            throw refusal(status);
        }
    }

    private RecoveryStateException refusal(RecoveryStatus status) {
        return refusal(status, expiresAt);
    }

    // Refusals shared with DecoyRecovery, which must say exactly what a real recovery in its state says.

    /** What a reset is told while evidence is outstanding. */
    static RecoveryStateException evidenceOutstanding() {
        return new RecoveryStateException(RecoveryStateException.Reason.EVIDENCE_OUTSTANDING,
                EVIDENCE_OUTSTANDING_MESSAGE);
    }

    /** What evidence is told once every piece the recovery needs has arrived. */
    static RecoveryStateException alreadyApproved() {
        return new RecoveryStateException(RecoveryStateException.Reason.ALREADY_APPROVED,
                "The recovery is already approved");
    }

    /** What a phone change is told before the password was reset. */
    static RecoveryStateException notCompleted() {
        return new RecoveryStateException(RecoveryStateException.Reason.NOT_COMPLETED,
                "The password has not been reset yet");
    }

    /**
     * What any command is told once the recovery, whose deadline is {@code expiresAt}, has ended in {@code status}.
     *
     * @throws IllegalStateException when {@code status} is not an end
     */
    static RecoveryStateException refusal(RecoveryStatus status, Instant expiresAt) {
        return switch (status) {
            case COMPLETED -> new RecoveryStateException(RecoveryStateException.Reason.ALREADY_COMPLETED,
                    "The password was already reset with this recovery");
            case CANCELLED -> new RecoveryStateException(RecoveryStateException.Reason.CANCELLED,
                    "The recovery was cancelled");
            case REJECTED -> new RecoveryStateException(RecoveryStateException.Reason.REJECTED,
                    "The recovery was rejected");
            case EXPIRED -> new RecoveryStateException(RecoveryStateException.Reason.EXPIRED,
                    "The recovery expired at " + expiresAt);
            case AWAITING_EVIDENCE, COOLING_OFF, READY -> throw new IllegalStateException("Not a refusal: " + status);
        };
    }

    /** Why evidence changes nothing for a recovery in {@code status}; empty when it counts. */
    private static Optional<Refusal> refusalOfEvidence(RecoveryStatus status) {
        return switch (status) {
            case AWAITING_EVIDENCE -> Optional.empty();
            case COOLING_OFF, READY -> Optional.of(Refusal.ALREADY_APPROVED);
            case COMPLETED, CANCELLED, REJECTED, EXPIRED -> refusalOfFailure(status);
        };
    }

    /**
     * Why a failure that ends a recovery, or a decoy, changes nothing in {@code status}; empty when it rejects. The
     * one mapping of an ended status to a {@link Refusal}, exhaustive so that a new status must be placed here.
     */
    static Optional<Refusal> refusalOfFailure(RecoveryStatus status) {
        return switch (status) {
            case AWAITING_EVIDENCE, COOLING_OFF, READY -> Optional.empty();
            case COMPLETED -> Optional.of(Refusal.COMPLETED);
            case CANCELLED -> Optional.of(Refusal.CANCELLED);
            case REJECTED -> Optional.of(Refusal.REJECTED);
            case EXPIRED -> Optional.of(Refusal.EXPIRED);
        };
    }

    /** Why an email failure changes nothing for a recovery, or a decoy, in {@code status}; empty when it rejects. */
    static Optional<Refusal> refusalOfEmailFailure(RecoveryStatus status, EmailVerificationFailure reason) {
        Optional<Refusal> refusal = refusalOfFailure(status);
        return refusal.isEmpty() && !isFinal(reason) ? Optional.of(Refusal.CODE_EXPIRY_IS_NOT_FINAL) : refusal;
    }

    /** Only exhausted attempts end the email channel; an expired code can be replaced by a new one. */
    private static boolean isFinal(EmailVerificationFailure reason) {
        return reason == EmailVerificationFailure.TOO_MANY_ATTEMPTS;
    }

    /** Events of other recoveries reaching this one are a routing bug, never something to act on. */
    private void requireOwn(RecoveryEvent event, UUID eventAccountId) {
        Objects.requireNonNull(event, "event");
        if (!id.equals(event.recoveryId()) || !accountId.equals(eventAccountId)) {
            throw new IllegalArgumentException(event.type().eventName() + " " + event.eventId()
                    + " belongs to recovery " + event.recoveryId() + ", not " + id);
        }
    }

    /** PostgreSQL keeps microseconds; truncating here keeps events, responses and reloaded rows identical. */
    private static Instant at(Instant now) {
        return Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.toSeconds() <= 0) {
            throw new IllegalArgumentException(name + " must be at least one second: " + duration);
        }
    }

    private static Set<Evidence> immutableSet(List<Evidence> evidence) {
        return evidence.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(evidence));
    }

    private static List<Evidence> sorted(Set<Evidence> evidence) {
        return evidence.stream().sorted().toList();
    }
}
