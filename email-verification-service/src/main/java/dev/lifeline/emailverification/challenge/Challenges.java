package dev.lifeline.emailverification.challenge;

import dev.lifeline.http.security.TokenHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds challenges and gives them their secrets. The rules are on {@link EmailChallenge}; this class only knows
 * how to look a challenge up (always locked, so that concurrent codes, links and resends of one recovery take
 * turns) and how to hash what clients send.
 */
@ApplicationScoped
public class Challenges {

    private final ChallengeSecrets secrets;
    private final ChallengeRules rules;

    Challenges(ChallengeSecrets secrets, ChallengeConfig config) {
        this.secrets = secrets;
        this.rules = ChallengeRules.of(config);
    }

    public ChallengeRules rules() {
        return rules;
    }

    /**
     * Opens the challenge unless its recovery already has one (a second start event for the same recovery) or is
     * already past its deadline (a start event delivered again after {@link ChallengeRetention} deleted its
     * challenge must not mail a code for a dead recovery). A silent challenge gets its secrets now; a delivering one
     * when its mail is sent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean open(EmailChallenge challenge, Instant now) {
        if (challenge.recoveryOver(now) || EmailChallenge.findById(challenge.recoveryId()) != null) {
            return false;
        }
        issueIfSilent(challenge, now);
        challenge.persist();
        return true;
    }

    /**
     * A new code and link replace the old ones (which stop working at once): a delivering challenge queues its next
     * mail, which issues them; a silent one gets them now, as when it opened.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EmailChallenge.Outcome resend(EmailChallenge challenge, Instant now) {
        EmailChallenge.Outcome outcome = challenge.resend(now, rules);
        if (outcome.result() == EmailChallenge.Result.RESENT) {
            issueIfSilent(challenge, now);
        }
        return outcome;
    }

    private void issueIfSilent(EmailChallenge challenge, Instant now) {
        if (!challenge.delivers()) {
            issue(challenge, now);
        }
    }

    /**
     * Issues a new code and link on the challenge and returns them in the clear, for its mail only. A silent
     * challenge's are drawn the same way and dropped here: nobody ever sees them.
     */
    public Optional<ChallengeSecrets.Issued> issue(EmailChallenge challenge, Instant now) {
        ChallengeSecrets.Issued issued = secrets.issue();
        boolean open = challenge.issue(secrets.codeHash(challenge.recoveryId(), issued.code()),
                TokenHashes.sha256(issued.linkToken()), now, rules);
        return open ? Optional.of(issued) : Optional.empty();
    }

    /** The code as stored for this recovery, computed whether or not the recovery exists (same work either way). */
    public String codeHash(UUID recoveryId, String code) {
        return secrets.codeHash(recoveryId, code);
    }

    /** The recovery's challenge, locked, if the token is its holder's; empty for an unknown recovery or token. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EmailChallenge> lockedForHolder(UUID recoveryId, String recoveryToken) {
        String tokenHash = TokenHashes.sha256(recoveryToken);
        Optional<EmailChallenge> challenge = EmailChallenge.findByIdOptional(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        return challenge.filter(c -> c.heldBy(tokenHash));
    }

    /** The challenge whose current link this is, locked; empty when no challenge has it (any more). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EmailChallenge> lockedByLink(String linkToken) {
        return EmailChallenge.<EmailChallenge>find("linkTokenHash", TokenHashes.sha256(linkToken))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The challenge whose current link this is, unlocked (for the page shown before the button). */
    public Optional<EmailChallenge> byLink(String linkToken) {
        return EmailChallenge.<EmailChallenge>find("linkTokenHash", TokenHashes.sha256(linkToken))
                .firstResultOptional();
    }
}
