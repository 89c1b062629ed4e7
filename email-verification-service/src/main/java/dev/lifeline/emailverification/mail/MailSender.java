package dev.lifeline.emailverification.mail;

import dev.lifeline.emailverification.challenge.ChallengeSecrets;
import dev.lifeline.emailverification.challenge.Challenges;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.events.messaging.Backoff;
import dev.lifeline.events.messaging.DueRows;
import dev.lifeline.events.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.privacy.Masks;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends the verification mails that challenges have queued ({@code mail_due_at}), for as long as SMTP refuses:
 * a failed mail is due again after a backoff that doubles up to {@code lifeline.mail.max-backoff}. Each mail
 * issues its challenge's code and link as it is taken, so no secret waits in the database in the clear, and a
 * code's lifetime starts when its mail leaves, not while SMTP was down. Several instances share the queue: a
 * taken mail is leased ({@code lifeline.mail.lease}) and {@code SKIP LOCKED} keeps senders off each other's rows.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final String FROM_SENDER = "mail-sender";

    /** A mail taken and its secrets, in the clear only until it is handed to SMTP. */
    private record Taken(UUID recoveryId, int mail, String to, String locale, ChallengeSecrets.Issued secrets) {
        @Override
        public String toString() {
            return "Taken[recovery=" + recoveryId + ", mail=" + mail + "]";
        }
    }

    private final EntityManager entityManager;
    private final Challenges challenges;
    private final VerificationMail verificationMail;
    private final Mailer mailer;
    private final MailConfig config;
    private final Audit audit;

    MailSender(EntityManager entityManager, Challenges challenges, VerificationMail verificationMail, Mailer mailer,
               MailConfig config, Audit audit) {
        this.entityManager = entityManager;
        this.challenges = challenges;
        this.verificationMail = verificationMail;
        this.mailer = mailer;
        this.config = config;
        this.audit = audit;
    }

    @Scheduled(every = "${lifeline.mail.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDueMails() {
        List<Taken> taken;
        do {
            taken = QuarkusTransaction.requiringNew().call(this::takeDueMails);
            taken.forEach(this::send);
        } while (taken.size() == config.batch());
    }

    private List<Taken> takeDueMails() {
        Instant now = Instant.now();
        List<EmailChallenge> due = DueRows.lock(entityManager, EmailChallenge.class, "email_challenge", "mail_due_at",
                "", now, config.batch());
        List<Taken> taken = new ArrayList<>();
        for (EmailChallenge challenge : due) {
            challenge.claimMail(now, config.lease()).ifPresent(mail -> challenges.issue(challenge, now).ifPresent(
                    secrets -> taken.add(new Taken(challenge.recoveryId(), mail, challenge.email(),
                            challenge.locale(), secrets))));
        }
        return taken;
    }

    private void send(Taken taken) {
        try {
            mailer.send(verificationMail.compose(taken.to(), taken.locale(), taken.secrets().code(),
                    taken.secrets().linkToken(), challenges.rules().codeTtl()));
        } catch (RuntimeException e) {
            failed(taken, e);
            return;
        }
        // At-least-once: if this process dies (or the database is unreachable for longer than the retries below)
        // between SMTP accepting the mail and this record, the lease runs out and the mail is sent again, with a
        // new code and link that replace the first mail's.
        TransientFailures.inNewTransaction(() -> {
            EmailChallenge challenge = EmailChallenge.findById(taken.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            if (challenge != null) {
                challenge.mailSent(taken.mail(), Instant.now());
            }
        });
        audit.record(Audit.SYSTEM, "email-challenge.mail", FROM_SENDER, "sent",
                "recovery", taken.recoveryId().toString(), "mail", Integer.toString(taken.mail()));
    }

    private void failed(Taken taken, RuntimeException failure) {
        String error = error(failure);
        int[] attempts = {0};
        TransientFailures.inNewTransaction(() -> {
            EmailChallenge challenge = EmailChallenge.findById(taken.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            if (challenge != null) {
                attempts[0] = challenge.mailAttempts();
                challenge.mailFailed(taken.mail(), Instant.now(), error, backoff(challenge.mailAttempts()));
            }
        });
        LOG.warn(warning(taken.recoveryId(), attempts[0] + 1, failure, backoff(attempts[0])));
        audit.record(Audit.SYSTEM, "email-challenge.mail", FROM_SENDER, "failed",
                "recovery", taken.recoveryId().toString(), "mail", Integer.toString(taken.mail()));
    }

    /** The log line for a mail that SMTP refused, or that never reached it. */
    static String warning(UUID recoveryId, int attempt, RuntimeException failure, Duration retryIn) {
        return "Verification mail for recovery " + recoveryId + " could not be sent (attempt " + attempt + "): "
                + error(failure) + "; retrying in " + retryIn.toMillis() + " ms";
    }

    /**
     * What went wrong, for the log and the challenge's {@code mail_last_error}: an SMTP refusal quotes the
     * recipient ({@code <li.wei@example.com>: Recipient address rejected}), so every address in it is masked.
     */
    static String error(RuntimeException failure) {
        return Masks.failure(failure);
    }

    /** The wait after {@code failuresBefore} earlier failures and this one. */
    private Duration backoff(int failuresBefore) {
        return new Backoff(config.initialBackoff(), config.maxBackoff()).after(failuresBefore + 1);
    }
}
