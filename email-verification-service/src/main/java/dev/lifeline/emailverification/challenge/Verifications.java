package dev.lifeline.emailverification.challenge;

import dev.lifeline.emailverification.challenge.EmailChallenge.Outcome;
import dev.lifeline.emailverification.challenge.EmailChallenge.Result;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the token holder can do with a challenge: confirm by code, confirm by link, ask for a new code. Each is one
 * transaction over the locked challenge, so concurrent codes and links of one recovery take turns and exactly one
 * of them verifies it; wrong codes are counted in that transaction, which commits also when the answer is a
 * refusal. Every request is counted per client address first (in its own transaction). An unknown recovery, a
 * wrong token and a used code meet the same {@link Result#REFUSED}, after the same work.
 */
@ApplicationScoped
public class Verifications {

    private static final String SCOPE = "email-verification";

    /** A resend's answer: when the next one may be asked for, and how many are left. */
    public record Resend(Result result, Instant nextResendAt, int resendsLeft) {
    }

    private final Challenges challenges;
    private final RateLimiter rateLimiter;
    private final Outbox outbox;
    private final Audit audit;
    private final ChallengeConfig config;

    Verifications(Challenges challenges, RateLimiter rateLimiter, Outbox outbox, Audit audit, ChallengeConfig config) {
        this.challenges = challenges;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
    }

    /** @throws dev.lifeline.http.ratelimit.RateLimitedException when the client has sent too many requests */
    @Transactional
    public Result confirmCode(UUID recoveryId, String recoveryToken, String code, String from) {
        Instant now = Instant.now();
        countRequest(from, now);
        String codeHash = challenges.codeHash(recoveryId, code);
        Optional<EmailChallenge> challenge = challenges.lockedForHolder(recoveryId, recoveryToken);
        Result result = challenge.map(c -> published(c.confirmCode(codeHash, now, challenges.rules())))
                .orElse(Result.REFUSED);
        forgiveSuccess(result, from, now);
        audit.record(Audit.ANONYMOUS, "email-verification.confirm-code", from, outcome(result),
                "recovery", recoveryId.toString());
        return result;
    }

    /** What the link's button met, and the challenge's language for the page that answers (none for no challenge). */
    public record LinkConfirmation(Result result, Optional<String> locale) {
    }

    /** The link page's button; the challenge is found by the link token alone (it is the secret). */
    @Transactional
    public LinkConfirmation confirmLink(String linkToken, String from) {
        Instant now = Instant.now();
        countRequest(from, now);
        Optional<EmailChallenge> challenge = challenges.lockedByLink(linkToken);
        Result result = challenge.map(c -> published(c.confirmLink(now))).orElse(Result.REFUSED);
        forgiveSuccess(result, from, now);
        audit.record(Audit.ANONYMOUS, "email-verification.confirm-link", from, outcome(result),
                "recovery", challenge.map(c -> c.recoveryId().toString()).orElse("-"));
        return new LinkConfirmation(result, challenge.map(EmailChallenge::locale));
    }

    /** The challenge whose current link this is, for the page before the button. Changes nothing. */
    @Transactional
    public Optional<EmailChallenge> ofLink(String linkToken) {
        return challenges.byLink(linkToken);
    }

    @Transactional
    public Resend resend(UUID recoveryId, String recoveryToken, String from) {
        Instant now = Instant.now();
        countRequest(from, now);
        Optional<EmailChallenge> found = challenges.lockedForHolder(recoveryId, recoveryToken);
        Resend resend = found.map(challenge -> {
            Result result = published(challenges.resend(challenge, now));
            return new Resend(result, challenge.resendAllowedAt(challenges.rules()),
                    challenge.resendsLeft(challenges.rules()));
        }).orElse(new Resend(Result.REFUSED, null, 0));
        forgiveSuccess(resend.result(), from, now);
        audit.record(Audit.ANONYMOUS, "email-verification.resend", from, outcome(resend.result()),
                "recovery", recoveryId.toString());
        return resend;
    }

    private Result published(Outcome outcome) {
        outcome.events().forEach(outbox::publish);
        return outcome.result();
    }

    /**
     * Codes, link presses and resends count per client address, failures only: each request is counted before any
     * work (concurrent ones one after another, none slips past the limit) and a success is forgiven in its own
     * transaction. Counting successes too let the people behind one shared address (a carrier's NAT, an office)
     * use up each other's budget by verifying their own recoveries (issue 22.9).
     */
    private void countRequest(String from, Instant now) {
        rateLimiter.hit(clientBucket(from), now);
    }

    private void forgiveSuccess(Result result, String from, Instant now) {
        if (result == Result.VERIFIED || result == Result.RESENT) {
            rateLimiter.forgive(clientBucket(from), now);
        }
    }

    private List<RateLimiter.Bucket> clientBucket(String from) {
        return List.of(new RateLimiter.Bucket(SCOPE, "client", from, config.requestsPerClient()));
    }

    private static String outcome(Result result) {
        return result.name().toLowerCase().replace('_', '-');
    }
}
