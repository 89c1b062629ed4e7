package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.ratelimit.RateLimitedException;
import dev.lifeline.http.ratelimit.RateLimiter;
import dev.lifeline.http.ratelimit.WorkSlots;
import dev.lifeline.kyc.profile.Fact;
import dev.lifeline.kyc.profile.FactHashing;
import dev.lifeline.kyc.profile.KycProfile;
import dev.lifeline.kyc.profile.MatchSignal;
import dev.lifeline.kyc.profile.QuestionCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The token holder's view of a check and its submissions. A check without a profile behind it does the same
 * slow-hash work as one with, so that neither the answer nor its timing tells an account without KYC data (or a
 * decoy) from one with; and every check shows the same number of catalogue questions, in the reader's language
 * (issue 22.1). Submissions are limited per client address, failures only (issue 22.10), by the address alone, so
 * that the limit, too, answers a decoy's check as it answers a real one.
 */
@ApplicationScoped
public class IdentityChecks {

    /** What the token holder is asked for. */
    public record View(String status, List<String> questions, List<Fact> requestedFacts, int attemptsLeft) {
    }

    /** Thrown for an unknown recovery, a missing or wrong token, and a closed check alike. */
    public static class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super("no such identity check", null, false, false);
        }
    }

    /** Thrown for a submission to a check that has been decided. */
    public static class Decided extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String status;

        Decided(String status) {
            super("the identity check is " + status, null, false, false);
            this.status = status;
        }

        public String status() {
            return status;
        }
    }

    private static final List<Fact> REQUESTED = List.of(Fact.values());
    private static final String EVIDENCE_SCOPE = "identity-check-evidence";

    private final FactHashing hashing;
    private final Outbox outbox;
    private final Audit audit;
    private final CheckConfig config;
    private final EntityManager entityManager;
    private final Event<ReviewNeeded> reviewNeeded;
    private final WorkSlots hashingSlots;
    private final QuestionMix questionMix;
    private final RateLimiter rateLimiter;

    IdentityChecks(FactHashing hashing, Outbox outbox, Audit audit, CheckConfig config, EntityManager entityManager,
                   Event<ReviewNeeded> reviewNeeded, QuestionMix questionMix, RateLimiter rateLimiter) {
        if (config.questionsShown() < 1 || config.questionsShown() > KycProfile.FEWEST_QUESTIONS) {
            throw new IllegalStateException("lifeline.identity-checks.questions-shown must be between 1 and "
                    + KycProfile.FEWEST_QUESTIONS + " (the fewest questions a profile holds)");
        }
        this.questionMix = questionMix;
        this.rateLimiter = rateLimiter;
        this.reviewNeeded = reviewNeeded;
        this.hashing = hashing;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.entityManager = entityManager;
        this.hashingSlots = new WorkSlots(config.hashingMaxConcurrent(), config.hashingMaxWait(),
                "Too many identity checks are being compared; try again shortly.");
    }

    @Transactional
    public View view(UUID recoveryId, String tokenHash, String readerLanguage, String from) {
        IdentityCheck check = held(recoveryId, tokenHash, false, from, "identity-check.view");
        List<String> questions = shown(check, profileOf(check)).stream()
                .map(key -> QuestionCatalogue.text(key, readerLanguage)).toList();
        audit.record(Audit.ANONYMOUS, "identity-check.view", from, "shown",
                "recovery", recoveryId.toString());
        return new View(check.status(), questions, REQUESTED, check.attemptsLeft());
    }

    /**
     * Takes one submission in three steps, so that no connection or row lock is held while the answers are hashed
     * (two PBKDF2 hashes, ~140 ms each: holding a connection through them let 100 concurrent submissions drain the
     * pool): a short read that refuses a missing or decided check and loads the profile; the slow comparison,
     * outside any transaction and in one of the {@link CheckConfig#hashingMaxConcurrent} slots (first come, first
     * served; a 503 before any attempt is spent if the wait is too long); and the decision, under the check's row lock, which looks at the check again so
     * that concurrent submissions count one after the other and none lands on a check decided meanwhile.
     * <p>
     * Before all of it the submission is counted against the client address ({@link CheckConfig#evidencePerClient}),
     * so that wrong evidence to decoys cannot keep the hashing slots from the owner: concurrent submissions are
     * counted one after another, and one over the limit is refused before any hash and any attempt. The count is
     * keyed by the address alone, before the check is even looked up, so a decoy's, a real recovery's and an unknown
     * one's submissions meet the same limit and the same 429.
     *
     * @throws RateLimitedException when the client address has failed too often in this window
     */
    public IdentityCheck.Submission submit(UUID recoveryId, String tokenHash, KycProfile.Submitted submitted,
                                           String from) {
        Instant arrived = Instant.now();
        countSubmission(recoveryId, from, arrived);
        Asked asked = TransientFailures.inNewTransaction(() -> {
            IdentityCheck check = open(recoveryId, tokenHash, false, from);
            Optional<KycProfile> profile = profileOf(check);
            return new Asked(profile, shown(check, profile));
        });
        Scoring.Signals signals = hashingSlots.run(() -> new Scoring.Signals(asked.profile()
                .map(p -> p.compare(submitted, asked.shown(), hashing))
                .orElseGet(() -> matchingNothing(submitted, asked.shown().size(), hashing))));
        IdentityCheck.Submission submission = TransientFailures.inNewTransaction(() -> {
            IdentityCheck.Submission decided = decide(open(recoveryId, tokenHash, true, from), signals);
            // In the decision's transaction: a retry after a conflict rolls the forgiveness back with the rest.
            forgiveUnlessWrong(decided, from, arrived);
            return decided;
        });
        audit.record(Audit.ANONYMOUS, "identity-check.evidence", from, submission.status().toLowerCase(),
                "recovery", recoveryId.toString(), "attemptsLeft", Integer.toString(submission.attemptsLeft()),
                "signals", signalsOf(signals));
        return submission;
    }

    /**
     * Counts failures only, as email verification does: every submission is counted first (in its own transaction,
     * which stands whatever follows) and one that was not wrong is forgiven. Counting successes too would let the
     * people behind one shared address (a carrier's NAT, an office) use up each other's budget by proving who they
     * are. A refusal for a missing or decided check is no success and stays counted, and so does a 503 from the
     * hashing slots' wait.
     */
    private void countSubmission(UUID recoveryId, String from, Instant arrived) {
        try {
            rateLimiter.hit(clientBucket(from), arrived);
        } catch (RateLimitedException e) {
            audit.record(Audit.ANONYMOUS, "identity-check.evidence", from, "rate-limited",
                    "recovery", recoveryId.toString());
            throw e;
        }
    }

    /** In the window the submission was counted in, which {@code arrived} names even if it ended meanwhile. */
    private void forgiveUnlessWrong(IdentityCheck.Submission submission, String from, Instant arrived) {
        if (!submission.wrong()) {
            rateLimiter.forgive(clientBucket(from), arrived);
        }
    }

    private List<RateLimiter.Bucket> clientBucket(String from) {
        return List.of(new RateLimiter.Bucket(EVIDENCE_SCOPE, "client", from, config.evidencePerClient()));
    }

    private record Asked(Optional<KycProfile> profile, List<String> shown) {
    }

    /**
     * The catalogue keys a check shows, always {@link CheckConfig#questionsShown} of them, in order: a draw from
     * the profile's own keys by the recovery id; or, for a decoy, an account without a profile and one with fewer
     * catalogue questions than that (kept from before the catalogue), the draw from real profiles' mix that the
     * check made when it opened. The answers are compared against these, whose texts every reader gets in their
     * own language.
     */
    private List<String> shown(IdentityCheck check, Optional<KycProfile> profile) {
        int count = config.questionsShown();
        Optional<List<String>> own = profile.map(KycProfile::keys).filter(keys -> keys.size() >= count);
        if (own.isPresent()) {
            return QuestionDraw.ofProfile(check.recoveryId(), own.get(), count);
        }
        List<String> drawn = check.fallbackQuestions();
        return drawn.size() == count ? drawn : questionMix.draw(check.recoveryId());
    }

    /** The held check, if it still takes evidence. */
    private IdentityCheck open(UUID recoveryId, String tokenHash, boolean lock, String from) {
        IdentityCheck check = held(recoveryId, tokenHash, lock, from, "identity-check.evidence");
        if (check.state() != IdentityCheck.State.OPEN) {
            audit.record(Audit.ANONYMOUS, "identity-check.evidence", from, "refused", "recovery",
                    recoveryId.toString(), "status", check.status());
            throw new Decided(check.status());
        }
        return check;
    }

    /** In the transaction that holds the check's row lock. */
    private IdentityCheck.Submission decide(IdentityCheck check, Scoring.Signals signals) {
        Instant now = Instant.now();
        boolean trusted = trusted(check, now);
        IdentityCheck.Submission submission = check.submit(signals, trusted, now);
        if (check.state() == IdentityCheck.State.IN_REVIEW) {
            reviewNeeded.fire(new ReviewNeeded(check.recoveryId(), check.accountId(),
                    check.requiredAssurance() == Assurance.HIGH || !trusted, check.reviewSignals()));
        }
        if (submission.wrong() && check.accountId() != null) {
            countWrong(check.accountId(), now);
        }
        submission.events().forEach(outbox::publish);
        return submission;
    }

    /** e.g. {@code SECURITY_QUESTIONS:MATCH,ID_NUMBER:NOT_PROVIDED,…}: signals only, never a fact. */
    static String signalsOf(Scoring.Signals signals) {
        return signals.byFact().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
    }

    private IdentityCheck held(UUID recoveryId, String tokenHash, boolean lock, String from, String what) {
        IdentityCheck check = lock
                ? IdentityCheck.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE)
                : IdentityCheck.findById(recoveryId);
        if (check == null || !check.heldBy(tokenHash) || !check.visible(Instant.now())) {
            audit.record(Audit.ANONYMOUS, what, from, "refused", "recovery", recoveryId.toString());
            throw new NotFound();
        }
        return check;
    }

    private static Optional<KycProfile> profileOf(IdentityCheck check) {
        return check.accountId() == null ? Optional.empty() : KycProfile.findByIdOptional(check.accountId());
    }

    /**
     * Every fact given mismatches, after the slow hashing a profile costs: one hash per question shown, however
     * many answers came ({@link KycProfile#compare}).
     */
    static Map<Fact, MatchSignal> matchingNothing(KycProfile.Submitted submitted, int questionsShown,
                                                  FactHashing hashing) {
        Map<Fact, MatchSignal> signals = new EnumMap<>(Fact.class);
        List<String> answers = submitted.normalizedAnswers();
        if (answers != null && !answers.isEmpty()) {
            for (int i = 0; i < questionsShown; i++) {
                hashing.answerMatchesNothing(i < answers.size() ? answers.get(i) : "");
            }
            signals.put(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
        }
        if (submitted.idNumber() != null) {
            signals.put(Fact.ID_NUMBER, MatchSignal.MISMATCH);
        }
        if (submitted.bankCardLast4() != null) {
            signals.put(Fact.BANK_CARD, MatchSignal.MISMATCH);
        }
        if (submitted.normalizedCity() != null) {
            signals.put(Fact.REGISTRATION, MatchSignal.MISMATCH);
        }
        return signals;
    }

    /** Whether the account's recent wrong submissions leave automation the right to decide. */
    private boolean trusted(IdentityCheck check, Instant now) {
        if (check.accountId() == null) {
            return true;
        }
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT wrong_answers FROM account_wrong_answers
                        WHERE account_id = :account AND last_wrong_at > :since""")
                .setParameter("account", check.accountId())
                .setParameter("since", now.minus(config.wrongAnswersCountFor()))
                .getResultList();
        return rows.isEmpty() || ((Number) rows.get(0)).intValue() < config.wrongAnswersBeforeReview();
    }

    private void countWrong(UUID accountId, Instant now) {
        // A count older than the window starts again from one.
        entityManager.createNativeQuery("""
                        INSERT INTO account_wrong_answers (account_id, wrong_answers, last_wrong_at)
                        VALUES (:account, 1, :now)
                        ON CONFLICT (account_id) DO UPDATE SET
                            wrong_answers = CASE WHEN account_wrong_answers.last_wrong_at > :since
                                                 THEN account_wrong_answers.wrong_answers + 1 ELSE 1 END,
                            last_wrong_at = :now""")
                .setParameter("account", accountId)
                .setParameter("now", now)
                .setParameter("since", now.minus(config.wrongAnswersCountFor()))
                .executeUpdate();
    }
}
